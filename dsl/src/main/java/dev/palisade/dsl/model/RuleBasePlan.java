package dev.palisade.dsl.model;

import java.util.List;

/**
 * The rules of one compiled rule set, ready to build.
 *
 * @param packageName the rules' package (generated, fixed per stage)
 * @param factClasses the fact classes the rules match, for the DRL imports; the first one's class
 *                    loader loads them all
 * @param symbolCount the size of the set's symbol table: ids 0 .. symbolCount-1 get cached boxes
 */
public record RuleBasePlan(String packageName, List<Class<?>> factClasses, int symbolCount, List<RulePlan> rules) {
    public RuleBasePlan {
        factClasses = List.copyOf(factClasses);
        rules = List.copyOf(rules);
        if (factClasses.isEmpty()) {
            throw new IllegalArgumentException("no fact class");
        }
    }
}
