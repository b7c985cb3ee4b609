package dev.palisade.dsl.admission;

import dev.palisade.dsl.runtime.SessionPool;
import dev.palisade.dsl.ast.AdmissionRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A built admission policy set. Thread-safe: the KieBase is shared and immutable; each thread
 * reuses its own session, which holds no facts between evaluations.
 *
 * <p>Semantics: mutating rules run first, in order, each on the object as the previous ones left
 * it (one Drools stage each); then every validating rule runs on the final object. Every match is
 * reported; what deny / warn / audit mean is the caller's business.
 */
public final class AdmissionProgram implements AutoCloseable {
    private final List<CompiledRule> rules;
    private final List<CompiledRule> mutateRules;
    private final Map<String, Integer> symbols = new HashMap<>();
    private final Node.Test[] predicates;
    private final EachScan[] scans;
    private final int sourceCount;
    private final KieBase kieBase;
    private final SessionPool<KieSession> sessions;
    /** By rule, then (for the same rule) by element in walk order; a view's own match first. */
    private static final Comparator<ObjectFact.Match> MATCH_ORDER = Comparator.comparingInt(ObjectFact.Match::rule)
            .thenComparingInt(m -> m.element() == null ? -1 : m.element().seq);

    AdmissionProgram(KieBase kieBase, List<CompiledRule> rules, List<String> symbols, List<Node.Test> predicates,
                     List<Source> sources, List<EachScan> scans) {
        this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
        this.rules = List.copyOf(rules);
        this.mutateRules = rules.stream().filter(r -> r.stage() >= 0)
                .sorted(Comparator.comparingInt(CompiledRule::stage)).toList();
        for (int i = 0; i < symbols.size(); i++) {
            this.symbols.put(symbols.get(i), i);
        }
        this.predicates = predicates.toArray(Node.Test[]::new);
        this.scans = scans.toArray(EachScan[]::new);
        this.sourceCount = sources.size();
        this.sessions = new SessionPool<>(SessionPool.DEFAULT_CAPACITY, kieBase::newKieSession, KieSession::dispose);
    }

    /**
     * Disposes idle sessions now and in-use ones when their request ends; later evaluations
     * throw. Only the owner closes: programs of the shipped Pod Security catalog are shared.
     */
    @Override
    public void close() {
        sessions.close();
    }

    /** For tests that read back what was built. */
    KieBase kieBase() {
        return kieBase;
    }

    public List<AdmissionRuleInfo> rules() {
        return rules.stream().map(CompiledRule::info).toList();
    }

    /** What each rule is asked about, in rule order (see {@link AdmissionTarget}). */
    public List<AdmissionTarget> targets() {
        return rules.stream().map(CompiledRule::target).toList();
    }

    /** Runs mutations, then validations. Exceptions propagate (callers fail closed). */
    public AdmissionResult evaluate(AdmissionInput input) {
        return evaluate(input, AdmissionPhase.ALL);
    }

    /** Runs the rules of one phase (see {@link AdmissionPhase}). Exceptions propagate (callers fail closed). */
    public AdmissionResult evaluate(AdmissionInput input, AdmissionPhase phase) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(phase, "phase");
        Object current = input.object();
        Patcher patcher = null;
        List<AdmissionRuleInfo> mutatedBy = new ArrayList<>();
        for (CompiledRule rule : phase.mutates() ? mutateRules : List.<CompiledRule>of()) {
            if (!rule.targets(input) || !(current instanceof Map<?, ?>)) {
                continue;
            }
            List<ObjectFact.Match> matches = fire(input.withObject(current), rule.stage());
            if (matches.isEmpty()) {
                continue;
            }
            if (patcher == null) {
                // copy once, before the first edit: the caller's object is never changed
                current = JsonValues.deepCopy(current);
                patcher = new Patcher(current);
                matches = fire(input.withObject(current), rule.stage());
            }
            boolean changed = false;
            for (ObjectFact.Match m : matches) {
                changed |= apply(rule, m, patcher);
            }
            if (changed) {
                mutatedBy.add(rule.info());
            }
        }
        List<Violation> violations = new ArrayList<>();
        for (ObjectFact.Match m : phase.validates() ? fire(input.withObject(current), -1) : List.<ObjectFact.Match>of()) {
            CompiledRule rule = rules.get(m.rule());
            violations.add(new Violation(rule.info(), render(rule, m), m.element() == null
                    ? JsonValues.fieldPath(m.view().prefix) : JsonValues.fieldPath(m.element().location)));
        }
        return new AdmissionResult(violations, patcher == null ? List.of() : patcher.ops(), current, mutatedBy);
    }

    private boolean apply(CompiledRule rule, ObjectFact.Match m, Patcher patcher) {
        boolean changed = false;
        for (CompiledRule.Edit edit : rule.edits()) {
            List<Object> location = new ArrayList<>(edit.source() < 0 ? m.view().prefix : m.element().location);
            location.addAll(edit.segments());
            Object value = edit.value() == null ? null : edit.value().get(scope(m));
            changed |= switch (edit.op()) {
                case SET -> value != null && patcher.set(location, value);
                case ADD -> value != null && patcher.append(location, value);
                case REMOVE -> edit.where() == null ? patcher.remove(location) : removeWhere(edit, location, m, patcher);
            };
        }
        return changed;
    }

    /**
     * Removes every element of the list (from the last, so indexes stay right) or every entry of
     * the map at {@code location} for which the edit's condition holds, judged on the object as it
     * stands now.
     */
    private boolean removeWhere(CompiledRule.Edit edit, List<Object> location, ObjectFact.Match m, Patcher patcher) {
        Object container = patcher.at(location);
        Scope s = scope(m);
        boolean changed = false;
        if (container instanceof List<?> list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                s.slots[edit.whereSlot()] = list.get(i);
                if (list.get(i) != null && edit.where().test(s)) {
                    List<Object> at = new ArrayList<>(location);
                    at.add(i);
                    changed |= patcher.remove(at);
                }
            }
        } else if (container instanceof Map<?, ?> map) {
            for (Object key : new ArrayList<>(map.keySet())) {
                Object v = map.get(key);
                s.slots[edit.whereSlot()] = Map.of("key", key, "value", v == null ? "" : v);
                if (edit.where().test(s)) {
                    List<Object> at = new ArrayList<>(location);
                    at.add(key);
                    changed |= patcher.remove(at);
                }
            }
        }
        return changed;
    }

    private Scope scope(ObjectFact.Match m) {
        Scope s = new Scope(m.view(), sourceCount);
        return m.element() == null ? s : s.bind(m.element());
    }

    private String render(CompiledRule rule, ObjectFact.Match m) {
        if (rule.messageParts().isEmpty()) {
            return rule.info().enforcement() == AdmissionRule.Enforcement.DENY
                    ? "denied by " + rule.info().id() : "flagged by " + rule.info().id();
        }
        Scope s = scope(m);
        StringBuilder b = new StringBuilder();
        for (Object part : rule.messageParts()) {
            b.append(part instanceof Node.Value v ? JsonValues.display(v.get(s)) : part);
        }
        return b.toString();
    }

    /** Inserts the views of one stage, fires, and removes them again whatever happens. */
    private List<ObjectFact.Match> fire(AdmissionInput input, int stage) {
        KieSession session = sessions.borrow();
        if (session == null) {
            throw new IllegalStateException("admission program is closed");
        }
        List<ObjectFact> views = views(input, stage);
        FactHandle[] handles = new FactHandle[views.size()];
        boolean clean = false;
        try {
            for (int i = 0; i < handles.length; i++) {
                handles[i] = session.insert(views.get(i));
            }
            session.fireAllRules();
            views.forEach(ObjectFact::stopMemoizing);
            List<ObjectFact.Match> matches = new ArrayList<>();
            views.forEach(v -> matches.addAll(v.matches));
            if (matches.size() > 1) {
                matches.sort(MATCH_ORDER);
            }
            clean = true;
            return matches;
        } finally {
            try {
                for (FactHandle h : handles) {
                    // a view no rule's alpha tests passed was dropped by Drools at insert (immutable
                    // KieBase, as PolicyProgram notes): deleting it would scan the session and build
                    // a warning string; the fact count below still proves the session empty
                    if (h != null && !(h instanceof InternalFactHandle ih && ih.isDisconnected())) {
                        session.delete(h);
                    }
                }
                clean &= session.getFactCount() == 0;
            } catch (RuntimeException e) {
                clean = false;
            }
            if (clean) {
                sessions.giveBack(session);
            } else {
                sessions.discard(session);
            }
        }
    }

    /** The object itself, and for a workload also its pod template seen as a pod. */
    private List<ObjectFact> views(AdmissionInput input, int stage) {
        List<ObjectFact> views = new ArrayList<>();
        views.add(view(input, stage, input.resource(), input.object(), input.oldObject(), List.of()));
        List<Object> template = Workloads.templateOf(input.resource());
        if (template != null && input.subresource().isEmpty()) {
            Object pod = JsonValues.at(input.object(), template);
            if (pod instanceof Map<?, ?>) {
                views.add(view(input, stage, "pods", pod, JsonValues.at(input.oldObject(), template), template));
            }
        }
        return views;
    }

    private ObjectFact view(AdmissionInput input, int stage, String resource, Object object, Object oldObject,
                            List<Object> prefix) {
        int[] syms = new int[Field.values().length];
        for (Field f : Field.values()) {
            syms[f.ordinal()] = symbols.getOrDefault(f == Field.RESOURCE ? resource : f.of(input), -1);
        }
        return new ObjectFact(stage, syms, input, object, oldObject, prefix, predicates, scans, sourceCount);
    }
}
