package dev.palisade.dsl.runtime;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.RuleInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A built policy set, ready to evaluate requests. Thread-safe: the KieBase is shared and
 * immutable; a request borrows a reused stateful KieSession from a {@link SessionPool} and
 * returns it after (a reused session was measured as the fastest variant; see DROOLS-NOTES.md). A session holds no facts between requests: each evaluation inserts the
 * request's facts, fires, and deletes exactly those facts again, whatever happens.
 *
 * <p>The hot path allocates next to nothing: the fact objects, the symbol interner and the handle
 * array are per thread and reused (cleared after each request, so no request's strings outlive
 * it); group and extra facts are inserted only when some rule can observe them
 * ({@link ListFactUse}); a single matching rule answers with a result built at load time.
 */
public final class PolicyProgram implements AutoCloseable {
    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final SymbolTable symbols;
    private final Predicate.Compiled[] predicates;
    private final ListFactUse use;
    /** {@code singles[i]}: the result when rule i is the only match; most requests match 0 or 1 rules. */
    private final PolicyResult[] singles;
    private final SessionPool<Evaluation> evaluations;

    /**
     * {@code kieBase} must have been built from the rules the same compilation produced with these
     * tables. Not knowing which list facts its rules join, it inserts them all ({@link ListFactUse#ALL}).
     */
    public PolicyProgram(KieBase kieBase, List<RuleInfo> rules, SymbolTable symbols, List<Predicate> predicates) {
        this(kieBase, rules, symbols, predicates, ListFactUse.ALL);
    }

    /** As above, with the list facts the compiler found its rules to observe. */
    public PolicyProgram(KieBase kieBase, List<RuleInfo> rules, SymbolTable symbols, List<Predicate> predicates,
                         ListFactUse use) {
        this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
        this.rules = List.copyOf(rules);
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.predicates = predicates.stream().map(Predicate::compile).toArray(Predicate.Compiled[]::new);
        this.use = Objects.requireNonNull(use, "use");
        this.singles = new PolicyResult[this.rules.size()];
        for (int i = 0; i < singles.length; i++) {
            RuleInfo r = this.rules.get(i);
            singles[i] = new PolicyResult(r.effect(), List.of(r));
        }
        Predicate.Compiled[] preds = this.predicates;
        this.evaluations = new SessionPool<>(SessionPool.DEFAULT_CAPACITY,
                () -> new Evaluation(kieBase, symbols, preds), ev -> ev.session.dispose());
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
        Evaluation ev = evaluations.borrow();
        if (ev == null) {
            throw new IllegalStateException("policy program is closed");
        }
        KieSession session = ev.session;
        boolean clean = false;
        try {
            ev.symbols.reset();
            ev.request.load(input);
            // memberships tested on the request fact read its lists lazily, inside Drools; a broken
            // list (null element) must fail here, before any insert, exactly as inserting it did
            if (use.groupTests()) {
                checkGroups(input);
            }
            if (use.extraTests()) {
                ev.request.hasExtra(-1, -1); // loads and checks the extra values now
            }
            ev.add(session.insert(ev.request));
            if (use.groups() != ListFactUse.Use.NONE) {
                insertGroups(ev, input);
            }
            if (use.extra() != ListFactUse.Use.NONE) {
                insertExtra(ev, input);
            }
            session.fireAllRules();
            PolicyResult result = resolve(ev.request.matchedRules());
            clean = true;
            return result;
        } finally {
            clean &= ev.removeAll();
            if (clean) {
                evaluations.giveBack(ev);
            } else {
                // after a failure Drools' internal state is not worth trusting: start afresh
                evaluations.discard(ev);
            }
        }
    }

    private static void insertGroups(Evaluation ev, AuthzInput input) {
        List<String> groups = Objects.requireNonNullElse(input.userGroups(), List.of());
        for (int i = 0, n = groups.size(); i < n; i++) {
            String g = Objects.requireNonNull(groups.get(i), "null group in request");
            ev.add(ev.session.insert(ev.group(ev.symbols.id(g), g)));
        }
    }

    private static void checkGroups(AuthzInput input) {
        List<String> groups = input.userGroups();
        if (groups == null) {
            return;
        }
        try {
            // free for the JDK's immutable lists (UserInfo's), which cannot hold null; a copy otherwise
            List.copyOf(groups);
        } catch (NullPointerException e) {
            throw new NullPointerException("null group in request");
        }
    }

    private static void insertExtra(Evaluation ev, AuthzInput input) {
        Map<String, List<String>> extra = Objects.requireNonNullElse(input.userExtra(), Map.of());
        if (extra.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            Objects.requireNonNull(e.getKey(), "null extra key in request");
            int key = ev.symbols.knownId(e.getKey());
            if (key < 0 || e.getValue() == null) {
                continue; // no rule names this key, so no rule can observe its values
            }
            for (String v : e.getValue()) {
                Objects.requireNonNull(v, "null extra value in request");
                ev.add(ev.session.insert(ev.extra(key, ev.symbols.id(v), v)));
            }
        }
    }

    /** Disposes idle sessions now and in-use ones when their request ends; later evaluations throw. */
    @Override
    public void close() {
        evaluations.close();
    }

    /** Sessions created and not yet disposed (idle plus in use). For tests. */
    int liveSessions() {
        return evaluations.liveCount();
    }

    private PolicyResult resolve(BitSet matched) {
        int first = matched.nextSetBit(0);
        if (first < 0) {
            return PolicyResult.NO_MATCH;
        }
        if (matched.length() > rules.size()) {
            throw new IllegalStateException("rule index " + (matched.length() - 1) + " out of range");
        }
        if (matched.nextSetBit(first + 1) < 0) {
            return singles[first];
        }
        List<RuleInfo> denies = new ArrayList<>();
        List<RuleInfo> allows = new ArrayList<>();
        for (int i = first; i >= 0; i = matched.nextSetBit(i + 1)) {
            RuleInfo r = rules.get(i);
            (r.effect() == Effect.DENY ? denies : allows).add(r);
        }
        return denies.isEmpty() ? new PolicyResult(Effect.ALLOW, allows) : new PolicyResult(Effect.DENY, denies);
    }

    /** Facts left in an idle session (the only one, in a single-threaded test); 0 between evaluations. For tests. */
    long liveFactCount() {
        Evaluation ev = evaluations.borrow();
        try {
            return ev.session.getFactCount();
        } finally {
            evaluations.giveBack(ev);
        }
    }

    /** What this policy set inserts per group and extra value. For tests. */
    ListFactUse listFactUse() {
        return use;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /**
     * One pooled session and the objects it reuses for every request: the request fact, pools
     * of group and extra facts, the handles inserted. Everything is cleared after each request.
     * Static on purpose: a thread-local value must not reach its ThreadLocal (through the program),
     * or a replaced program's sessions would stay reachable from every thread that ever used it.
     */
    private static final class Evaluation {
        final KieSession session;
        final RequestSymbols symbols;
        final RequestFact request;
        private final Predicate.Compiled[] predicates;
        private final List<GroupFact> groups = new ArrayList<>();
        private final List<ExtraFact> extras = new ArrayList<>();
        private int groupsUsed;
        private int extrasUsed;
        private FactHandle[] handles = new FactHandle[8];
        private int handleCount;

        Evaluation(KieBase kieBase, SymbolTable table, Predicate.Compiled[] predicates) {
            this.session = kieBase.newKieSession();
            this.symbols = new RequestSymbols(table);
            this.predicates = predicates;
            this.request = new RequestFact(symbols, predicates);
        }

        void add(FactHandle h) {
            if (handleCount == handles.length) {
                handles = Arrays.copyOf(handles, handleCount * 2);
            }
            handles[handleCount++] = h;
        }

        GroupFact group(int sym, String value) {
            if (groupsUsed == groups.size()) {
                groups.add(new GroupFact(predicates));
            }
            return groups.get(groupsUsed++).set(sym, value);
        }

        ExtraFact extra(int key, int sym, String value) {
            if (extrasUsed == extras.size()) {
                extras.add(new ExtraFact(predicates));
            }
            return extras.get(extrasUsed++).set(key, sym, value);
        }

        /** Deletes the request's facts and clears the reused objects; false if anything is left or failed. */
        boolean removeAll() {
            boolean ok;
            try {
                for (int i = 0; i < handleCount; i++) {
                    // A fact that reached no node of the network ("orphan": the usual case for a request
                    // no rule is about) was already dropped from the session by Drools at insert
                    // (immutable KieBase). Deleting it anyway makes Drools scan every handle of the
                    // session with a stream and build a warning string; skipping it is the same outcome,
                    // and the fact count below still proves the session is empty.
                    if (handles[i] instanceof InternalFactHandle ih && ih.isDisconnected()) {
                        continue;
                    }
                    session.delete(handles[i]);
                }
                ok = session.getFactCount() == 0;
            } catch (RuntimeException e) {
                ok = false;
            }
            Arrays.fill(handles, 0, handleCount, null);
            handleCount = 0;
            for (int i = 0; i < groupsUsed; i++) {
                groups.get(i).clear();
            }
            for (int i = 0; i < extrasUsed; i++) {
                extras.get(i).clear();
            }
            groupsUsed = 0;
            extrasUsed = 0;
            request.clear();
            symbols.reset();
            return ok;
        }
    }
}
