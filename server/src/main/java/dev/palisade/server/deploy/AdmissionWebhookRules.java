package dev.palisade.server.deploy;

import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code rules} of one admission webhook, derived from the loaded rules of one kind: each
 * resource with the union of the operations rules ask about it, then resources that share the
 * same operations folded into one rule ({@code CONNECT} is asked for on the resource's subresources,
 * the only place the apiserver admits it). API groups and versions are {@code *}: a DSL rule names its
 * resource without a group and matches it in every group, so the webhook must be sent all of them.
 */
record AdmissionWebhookRules(List<Rule> rules) {
    /** One {@code rules[]} entry: these operations on these resources, in any group and version. */
    record Rule(SortedSet<String> operations, SortedSet<String> resources) {}

    static AdmissionWebhookRules of(List<AdmissionTarget> targets, AdmissionRule.Kind kind) {
        Map<String, SortedSet<String>> opsByResource = new TreeMap<>();
        for (AdmissionTarget t : targets) {
            if (t.kind() != kind) {
                continue;
            }
            for (String resource : t.resources()) {
                for (String op : t.operations()) {
                    // CONNECT only ever reaches subresources (pods/exec, pods/attach, ...), which a rule on the resource sees
                    String sent = op.equals("CONNECT") && !resource.contains("/") ? resource + "/*" : resource;
                    opsByResource.computeIfAbsent(sent, r -> new TreeSet<>()).add(op);
                }
            }
        }
        Map<String, Rule> byOperations = new TreeMap<>();
        for (Map.Entry<String, SortedSet<String>> e : opsByResource.entrySet()) {
            byOperations.computeIfAbsent(String.join(",", e.getValue()), k -> new Rule(e.getValue(), new TreeSet<>()))
                    .resources().add(e.getKey());
        }
        return new AdmissionWebhookRules(new ArrayList<>(byOperations.values()));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    static String flow(Set<String> words) {
        return "[" + String.join(", ", words) + "]";
    }
}
