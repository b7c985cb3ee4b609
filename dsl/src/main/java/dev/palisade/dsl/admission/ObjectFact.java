package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.List;

/**
 * One view of the request as the generated rules see it: the object itself, or the pod template
 * inside a workload (then {@code resourceSym} is that of {@code pods} and {@link #prefix} locates
 * the template). Scalars are symbol ids so rules test them with hashed constant tests; everything
 * else is reached through {@link #test(int)}, which runs a compiled predicate in Java. One per
 * request and stage; read by one thread.
 */
public final class ObjectFact {
    private final int stage;
    private final int[] syms;
    private final boolean dryRun;
    final AdmissionInput input;
    final Object object;
    final Object oldObject;
    final List<Object> prefix;
    private final Node.Test[] predicates;
    private final int sources;
    final List<Match> matches = new ArrayList<>();
    private Scope scratch;

    /** A rule that fired, with the element it fired for (null for rules without {@code for each}). */
    record Match(int rule, ElementFact element, ObjectFact view) {}

    ObjectFact(int stage, int[] syms, AdmissionInput input, Object object, Object oldObject, List<Object> prefix,
               Node.Test[] predicates, int sources) {
        this.stage = stage;
        this.syms = syms;
        this.dryRun = input.dryRun();
        this.input = input;
        this.object = object;
        this.oldObject = oldObject;
        this.prefix = List.copyOf(prefix);
        this.predicates = predicates;
        this.sources = sources;
    }

    public int getStage() { return stage; }
    public int getOperationSym() { return syms[Field.OPERATION.ordinal()]; }
    public int getResourceSym() { return syms[Field.RESOURCE.ordinal()]; }
    public int getSubresourceSym() { return syms[Field.SUBRESOURCE.ordinal()]; }
    public int getKindSym() { return syms[Field.KIND.ordinal()]; }
    public int getNamespaceSym() { return syms[Field.NAMESPACE.ordinal()]; }
    public int getNameSym() { return syms[Field.NAME.ordinal()]; }
    public int getUserNameSym() { return syms[Field.USER_NAME.ordinal()]; }
    public int getUserUidSym() { return syms[Field.USER_UID.ordinal()]; }
    public boolean isDryRun() { return dryRun; }

    int sym(Field f) {
        return syms[f.ordinal()];
    }

    /** Runs predicate {@code id} on this view. */
    public boolean test(int id) {
        return predicates[id].test(scratch());
    }

    /**
     * The scope every constraint of this view evaluates in, reused: constraints run one at a time
     * on the session's thread, each binds the elements it reads before reading them (a quantifier
     * restores its own slot), so a slot left from an earlier test is never read.
     */
    Scope scratch() {
        Scope s = scratch;
        if (s == null) {
            scratch = s = new Scope(this, sources);
        }
        return s;
    }

    Node.Test predicate(int id) {
        return predicates[id];
    }

    int sourceCount() {
        return sources;
    }

    /** Called by the consequence of every Drools rule derived from admission rule {@code rule}. */
    public void matched(int rule, ElementFact element) {
        for (Match m : matches) {
            if (m.rule() == rule && m.element() == element) {
                return; // several alternatives of one condition matched the same element
            }
        }
        matches.add(new Match(rule, element, this));
    }
}
