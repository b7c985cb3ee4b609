package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code for each} of one rule alternative, judged in Java: walks the elements (for a nested
 * {@code for each}, every tuple, outer elements first, in list order) and keeps those for which
 * all the alternative's element tests hold. The Drools rule sees only the view and this scan's
 * yes/no; the elements never become facts, because every element test is a Java predicate anyway
 * and inserting, joining and deleting dozens of facts per request cost Drools more than the
 * tests themselves. An {@link ElementFact} (with its location) is made only for an element that
 * matched.
 */
final class EachScan {
    private final Source[] levels;
    private final Node.Test[] tests;
    private final boolean[] negated;

    /**
     * @param levels  the sources from the outermost {@code for each} variable to the rule's own
     * @param tests   the alternative's element tests, each negated or not
     */
    EachScan(List<Source> levels, List<Node.Test> tests, List<Boolean> negated) {
        this.levels = levels.toArray(Source[]::new);
        this.tests = tests.toArray(Node.Test[]::new);
        this.negated = new boolean[negated.size()];
        for (int i = 0; i < this.negated.length; i++) {
            this.negated[i] = negated.get(i);
        }
    }

    /**
     * The innermost elements of {@code view} that satisfy every test, in walk order; empty if none.
     * {@code walk} is the view's reusable walk state (scans of one view run one after another).
     */
    List<ElementFact> matching(ObjectFact view, Walk walk) {
        walk.start(this, view);
        walk.level(0, view.lists(levels[0]));
        List<ElementFact> found = walk.found;
        walk.found = null;
        return found == null ? List.of() : found;
    }

    /**
     * The state of one walk, reused by every scan of a view so that a scan that matches nothing
     * allocates nothing. The element facts of outer levels are made once per outer element, when
     * first needed. Slots it binds are left bound: every test binds what it reads first.
     */
    static final class Walk {
        private EachScan scan;
        private ObjectFact view;
        private Scope scope;
        private int[] pathAt = new int[2];
        private Object[] keyAt = new Object[2];
        private ElementFact[] made = new ElementFact[2];
        private int seq;
        private List<ElementFact> found;

        private void start(EachScan scan, ObjectFact view) {
            int depth = scan.levels.length;
            if (pathAt.length < depth) {
                pathAt = new int[depth];
                keyAt = new Object[depth];
                made = new ElementFact[depth];
            }
            this.scan = scan;
            this.view = view;
            this.scope = view.scratch();
            this.seq = 0;
            this.found = null;
        }

        /** Walks level {@code i} over its source's lists ({@link Source#lists}) under the element above. */
        private void level(int i, Object[] lists) {
            for (int p = 0; p < lists.length; p++) {
                Object list = lists[p];
                pathAt[i] = p;
                if (list instanceof List<?> l) {
                    for (int k = 0, n = l.size(); k < n; k++) {
                        Object element = l.get(k);
                        if (element != null) {
                            visit(i, k, element);
                        }
                    }
                } else if (list instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        visit(i, e.getKey(), Source.entry(e));
                    }
                }
            }
        }

        private void visit(int i, Object key, Object element) {
            Source[] levels = scan.levels;
            keyAt[i] = key;
            made[i] = null; // a new element at this level: its fact, if any, is made anew
            scope.slots[levels[i].id()] = element;
            if (i + 1 < levels.length) {
                level(i + 1, levels[i + 1].lists(element));
                return;
            }
            int mySeq = seq++;
            Node.Test[] tests = scan.tests;
            boolean[] negated = scan.negated;
            for (int t = 0; t < tests.length; t++) {
                if (tests[t].test(scope) == negated[t]) {
                    return;
                }
            }
            if (found == null) {
                found = new ArrayList<>(4);
            }
            found.add(fact(i, mySeq));
        }

        /** The element fact of level {@code i}'s current element, with those of the levels around it. */
        private ElementFact fact(int i, int mySeq) {
            if (made[i] != null) {
                return made[i];
            }
            Source[] levels = scan.levels;
            ElementFact parent = i == 0 ? null : fact(i - 1, 0);
            List<Object> base = parent == null
                    ? (levels[0].root().equals("data") ? List.of("data") : view.prefix) : parent.location;
            List<Object> path = levels[i].paths().get(pathAt[i]);
            List<Object> location = new ArrayList<>(base.size() + path.size() + 1);
            location.addAll(base);
            location.addAll(path);
            location.add(keyAt[i]);
            return made[i] = new ElementFact(levels[i].id(), parent, scope.slots[levels[i].id()], location, mySeq);
        }
    }
}
