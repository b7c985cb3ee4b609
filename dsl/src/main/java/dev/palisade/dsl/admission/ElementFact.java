package dev.palisade.dsl.admission;

import java.util.List;

/**
 * One element of a {@link Source} list (a container, a volume, a port of a container...), with
 * its absolute location in the object so that violations and patches point at it. Rules join on
 * {@code source} (a constant test) and on {@code root}/{@code parent} (identity joins).
 */
public final class ElementFact {
    private final int source;
    private final ObjectFact root;
    private final ElementFact parent;
    private final Object value;
    final List<Object> location;
    final int seq;

    ElementFact(int source, ObjectFact root, ElementFact parent, Object value, List<Object> location, int seq) {
        this.source = source;
        this.root = root;
        this.parent = parent;
        this.value = value;
        this.location = List.copyOf(location);
        this.seq = seq;
    }

    public int getSource() { return source; }
    public ObjectFact getRoot() { return root; }
    public ElementFact getParent() { return parent; }

    Object value() {
        return value;
    }

    /** Runs predicate {@code id} with this element (and {@code with}, the rule's own element, if any) in scope. */
    public boolean test(int id, ElementFact with) {
        Scope scope = root.scratch();
        if (with != null) {
            scope.bind(with);
        }
        return root.predicate(id).test(scope.bind(this));
    }
}
