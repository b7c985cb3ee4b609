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
    private final EachScan[] scans;
    private final int sources;
    final List<Match> matches = new ArrayList<>();
    private Scope scratch;
    /** What {@link #each} found, by scan id, for the consequence of the same rule. */
    private List<ElementFact>[] found;
    private EachScan.Walk walk;
    /** The lists of each root source, by source id, looked up once per view: every scan over them reuses them. */
    private Object[][] rootLists;
    /** Root path prefixes resolved while the rules run, by prefix id ({@link #ABSENT} for a missing one). */
    private Object[] prefixes;
    /** False once the session has fired: edits then change the object, so paths are read live. */
    private boolean memoizing = true;
    private static final Object ABSENT = new Object();

    /** A rule that fired, with the element it fired for (null for rules without {@code for each}). */
    record Match(int rule, ElementFact element, ObjectFact view) {}

    ObjectFact(int stage, int[] syms, AdmissionInput input, Object object, Object oldObject, List<Object> prefix,
               Node.Test[] predicates, EachScan[] scans, int sources) {
        this.stage = stage;
        this.syms = syms;
        this.dryRun = input.dryRun();
        this.input = input;
        this.object = object;
        this.oldObject = oldObject;
        this.prefix = List.copyOf(prefix);
        this.predicates = predicates;
        this.scans = scans;
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

    /** The lists {@code root} (a source rooted at object, oldObject or data) names in this view. */
    Object[] lists(Source root) {
        if (rootLists == null) {
            rootLists = new Object[sources][];
        }
        Object[] lists = rootLists[root.id()];
        if (lists == null) {
            rootLists[root.id()] = lists = root.lists(rootValue(root.root()));
        }
        return lists;
    }

    /** What a path rooted at {@code root} ({@code object}, {@code oldObject} or {@code data}) starts from. */
    Object rootValue(String root) {
        return switch (root) {
            case "object" -> object;
            case "oldObject" -> oldObject;
            case "data" -> input.data();
            default -> throw new IllegalArgumentException("not an object root: " + root);
        };
    }

    /**
     * The value at {@code steps} below {@code root}, resolved once per view while the rules run
     * (the object does not change then); read live afterwards (messages, edits).
     */
    Object prefix(int id, String root, Object[] steps) {
        if (!memoizing) {
            return JsonValues.at(rootValue(root), steps);
        }
        Object[] memo = prefixes;
        if (memo == null || id >= memo.length) {
            memo = prefixes = memo == null ? new Object[Math.max(16, id + 1)]
                    : java.util.Arrays.copyOf(memo, Math.max(2 * memo.length, id + 1));
        }
        Object v = memo[id];
        if (v == null) {
            v = JsonValues.at(rootValue(root), steps);
            memo[id] = v == null ? ABSENT : v;
            return v;
        }
        return v == ABSENT ? null : v;
    }

    /** Called once the session has fired: from now on paths are read from the object as it stands. */
    void stopMemoizing() {
        memoizing = false;
        prefixes = null;
        rootLists = null;
    }

    /**
     * Runs {@link EachScan} {@code scan} on this view; true if some element matched. The elements
     * are kept for {@link #matchedEach}: this is the last test of the scan's rule, so the rule
     * fires exactly when it returns true.
     */
    @SuppressWarnings("unchecked")
    public boolean each(int scan) {
        if (walk == null) {
            walk = new EachScan.Walk();
        }
        List<ElementFact> elements = scans[scan].matching(this, walk);
        if (elements.isEmpty()) {
            return false;
        }
        if (found == null) {
            found = new List[scans.length];
        }
        found[scan] = elements;
        return true;
    }

    /** Called by the consequence of a Drools rule of admission rule {@code rule} without {@code for each}. */
    public void matched(int rule) {
        record(rule, null);
    }

    /** Called by the consequence of a Drools rule of admission rule {@code rule} whose {@code for each} is {@code scan}. */
    public void matchedEach(int rule, int scan) {
        for (ElementFact e : found[scan]) {
            record(rule, e);
        }
    }

    private void record(int rule, ElementFact element) {
        for (Match m : matches) {
            if (m.rule() == rule && (m.element() == null ? element == null : m.element().sameElement(element))) {
                return; // several alternatives of one condition matched the same element
            }
        }
        matches.add(new Match(rule, element, this));
    }
}
