package dev.palisade.dsl.runtime;

/**
 * Which per-element facts ({@link GroupFact}, {@link ExtraFact}) a built policy set can observe,
 * decided by the compiler from its own lowered atoms (never by reading Drools' internals), so
 * that a request inserts only facts some rule could match:
 * <ul>
 *   <li>no rule joins the list's facts: nothing is inserted ({@link Use#NONE});</li>
 *   <li>some rule joins them (a predicate such as {@code startsWith} on the elements, or a
 *       comparison of an element with another attribute): every value is inserted
 *       ({@link Use#ALL_VALUES}).</li>
 * </ul>
 * Constant memberships ({@code "g" in user.groups}) need no fact: they are tested on the request
 * fact itself ({@code hasGroup(k)}, {@code hasExtra(k, v)}: {@link #groupTests},
 * {@link #extraTests}); the request's groups (extra values) are then checked for nulls as when
 * they were inserted, so a broken request fails the same way. {@link #ALL} — everything inserted
 * and checked — is the safe answer for a KieBase whose rules are not known.
 */
public record ListFactUse(Use groups, Use extra, boolean groupTests, boolean extraTests) {

    public enum Use { NONE, ALL_VALUES }

    /** Every fact inserted and every list checked: right for any rule set, only slower. */
    public static final ListFactUse ALL = new ListFactUse(Use.ALL_VALUES, Use.ALL_VALUES, true, true);

    /** No membership tested on the request fact. */
    public ListFactUse(Use groups, Use extra) {
        this(groups, extra, false, false);
    }
}
