package dev.palisade.dsl.admission;

import java.util.List;

/**
 * One element of a {@link Source} list (a container, a volume, a port of a container...) for
 * which a rule matched, with its absolute location in the object so that violations and patches
 * point at it, and the element around it for a nested {@code for each}. Made by {@link EachScan}
 * only for matches; never a Drools fact.
 */
final class ElementFact {
    private final int source;
    private final ElementFact parent;
    private final Object value;
    final List<Object> location;
    final int seq;

    ElementFact(int source, ElementFact parent, Object value, List<Object> location, int seq) {
        this.source = source;
        this.parent = parent;
        this.value = value;
        this.location = List.copyOf(location);
        this.seq = seq;
    }

    int source() {
        return source;
    }

    ElementFact parent() {
        return parent;
    }

    Object value() {
        return value;
    }

    /** The same element of the same object: what two alternatives of one rule matched is reported once. */
    boolean sameElement(ElementFact other) {
        return other == this || other != null && source == other.source && location.equals(other.location);
    }
}
