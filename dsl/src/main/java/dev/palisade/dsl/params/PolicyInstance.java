package dev.palisade.dsl.params;

import java.util.List;
import java.util.Map;

/**
 * One instance of a parameterised policy, as {@code palisade.yaml} gives it: a name (part of every
 * rule id it makes: {@code package/rule@name}), parameter values, and where it applies.
 *
 * @param values by parameter name; each with the place it was given, for errors
 */
public record PolicyInstance(String name, Map<String, Value> values, Match match, String place) {
    public PolicyInstance {
        values = Map.copyOf(values);
    }

    /** A parameter value from YAML: a String, Number, Boolean or a List of them; {@code place} is {@code file:line:col}. */
    public record Value(Object value, String place) {}

    /**
     * Where an instance applies, as Gatekeeper's {@code match}: empty lists mean any. Labels are
     * the object's labels that must all be present with these values.
     */
    public record Match(List<String> namespaces, List<String> excludedNamespaces, List<String> operations,
                        List<String> resources, Map<String, String> labels) {
        public static final Match ANY = new Match(List.of(), List.of(), List.of(), List.of(), Map.of());

        public Match {
            namespaces = List.copyOf(namespaces);
            excludedNamespaces = List.copyOf(excludedNamespaces);
            operations = List.copyOf(operations);
            resources = List.copyOf(resources);
            labels = Map.copyOf(labels);
        }
    }
}
