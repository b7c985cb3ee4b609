package dev.palisade.dsl.lower;

/**
 * One indivisible test of a lowered condition, of any stage: the common interface of the
 * stage-specific leaves ({@code compile.AuthzAtom} over requests, {@code admission.AdmissionAtom}
 * over objects). An atom holds only symbol, predicate and source ids, so a rule built from it
 * carries no policy text. Its place in a rule is what {@link Literal#ORDER} sorts by.
 */
public interface Atom {
    /**
     * Where literals of this kind go in a rule, lowest first: hashed equalities with constants
     * first, so rules that test the same fields share alpha nodes, then cheaper tests before
     * dearer ones, joins last.
     */
    int rank();

    /** Within a rank, the attribute tested (rules on the same attribute sit together); 0 where none. */
    default int attribute() {
        return 0;
    }
}
