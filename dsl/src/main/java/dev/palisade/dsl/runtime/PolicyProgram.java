package dev.palisade.dsl.runtime;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.RuleInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A built policy set, ready to evaluate requests. Thread-safe: the KieBase is shared and
 * immutable, each thread reuses its own stateful KieSession (measured as the fastest variant;
 * see DROOLS-NOTES.md). A session holds no facts between requests: each evaluation inserts the
 * request's facts, fires, and deletes exactly those facts again, whatever happens.
 */
public final class PolicyProgram {
    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final SymbolTable symbols;
    private final Predicate.Compiled[] predicates;
    private final ThreadLocal<KieSession> sessions;

    /** {@code kieBase} must have been built from the DRL the same compilation produced with these tables. */
    public PolicyProgram(KieBase kieBase, List<RuleInfo> rules, SymbolTable symbols, List<Predicate> predicates) {
        this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
        this.rules = List.copyOf(rules);
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.predicates = predicates.stream().map(Predicate::compile).toArray(Predicate.Compiled[]::new);
        this.sessions = ThreadLocal.withInitial(kieBase::newKieSession);
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Evaluates one request: deny overrides allow, no match is {@link PolicyResult#NO_MATCH}.
     * Every exception propagates (callers fail closed); the thread's session is then discarded.
     */
    public PolicyResult evaluate(AuthzInput input) {
        Objects.requireNonNull(input, "input");
        KieSession session = sessions.get();
        List<FactHandle> inserted = new ArrayList<>();
        boolean clean = false;
        try {
            RequestSymbols requestSymbols = new RequestSymbols(symbols);
            RequestFact request = new RequestFact(input, requestSymbols, predicates);
            inserted.add(session.insert(request));
            insertGroups(session, input, requestSymbols, inserted);
            insertExtra(session, input, requestSymbols, inserted);
            session.fireAllRules();
            PolicyResult result = resolve(request.matchedRules());
            clean = true;
            return result;
        } finally {
            clean &= removeAll(session, inserted);
            if (!clean) {
                // after a failure Drools' internal state is not worth trusting: start afresh
                discard(session);
            }
        }
    }

    private void insertGroups(KieSession session, AuthzInput input, RequestSymbols syms, List<FactHandle> out) {
        List<String> groups = Objects.requireNonNullElse(input.userGroups(), List.of());
        for (String g : groups) {
            Objects.requireNonNull(g, "null group in request");
            out.add(session.insert(new GroupFact(syms.id(g), g, predicates)));
        }
    }

    private void insertExtra(KieSession session, AuthzInput input, RequestSymbols syms, List<FactHandle> out) {
        Map<String, List<String>> extra = Objects.requireNonNullElse(input.userExtra(), Map.of());
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            Objects.requireNonNull(e.getKey(), "null extra key in request");
            int key = syms.knownId(e.getKey());
            if (key < 0 || e.getValue() == null) {
                continue; // no rule names this key, so no rule can observe its values
            }
            for (String v : e.getValue()) {
                Objects.requireNonNull(v, "null extra value in request");
                out.add(session.insert(new ExtraFact(key, syms.id(v), v, predicates)));
            }
        }
    }

    /** Deletes the request's facts; false if that failed or anything else is left in the session. */
    private static boolean removeAll(KieSession session, List<FactHandle> handles) {
        try {
            for (FactHandle h : handles) {
                session.delete(h);
            }
            return session.getFactCount() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void discard(KieSession session) {
        sessions.remove();
        try {
            session.dispose();
        } catch (RuntimeException ignored) {
            // the session is dropped either way; disposing only frees it sooner
        }
    }

    private PolicyResult resolve(BitSet matched) {
        if (matched.isEmpty()) {
            return PolicyResult.NO_MATCH;
        }
        if (matched.length() > rules.size()) {
            throw new IllegalStateException("rule index " + (matched.length() - 1) + " out of range");
        }
        List<RuleInfo> denies = new ArrayList<>();
        List<RuleInfo> allows = new ArrayList<>();
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            RuleInfo r = rules.get(i);
            (r.effect() == Effect.DENY ? denies : allows).add(r);
        }
        return denies.isEmpty() ? new PolicyResult(Effect.ALLOW, allows) : new PolicyResult(Effect.DENY, denies);
    }

    /** Facts left in this thread's session; 0 between evaluations. For tests. */
    long liveFactCount() {
        return sessions.get().getFactCount();
    }

    KieBase kieBase() {
        return kieBase;
    }
}
