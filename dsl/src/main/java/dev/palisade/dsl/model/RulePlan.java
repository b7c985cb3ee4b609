package dev.palisade.dsl.model;

import java.util.List;

/**
 * One Drools rule of any stage (authorization, authn, admission), as the one {@link ModelBuilder}
 * builds it and the DRL rendering shows it: a generated name, patterns in order, one consequence.
 * Holds ids, ints and accessor functions, never policy or request text.
 */
public record RulePlan(String name, List<PatternPlan<?>> patterns, Consequence consequence) {
    public RulePlan {
        patterns = List.copyOf(patterns);
    }
}
