package dev.palisade.dsl.listing;

import java.util.List;

/**
 * The rules listed for a user, and the allow rules that could not be listed exactly (each with
 * why). Nothing is listed that the allow rules do not grant; what cannot be expressed as RBAC-shaped
 * rules is left out and named in {@code unlisted}, so the answer is then incomplete, never wider.
 * {@code denyRules} counts the deny rules that could apply to this user: they may refuse some of
 * what is listed, as a webhook's denials can for the apiserver's own listing.
 */
public record Listing(List<ListedRule> rules, List<String> unlisted, int denyRules) {
    public Listing {
        rules = List.copyOf(rules);
        unlisted = List.copyOf(unlisted);
    }

    public boolean complete() {
        return unlisted.isEmpty() && denyRules == 0;
    }
}
