package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.LabelSelector;
import dev.palisade.engine.rbac.model.LabelSelector.Operator;
import dev.palisade.engine.rbac.model.LabelSelector.Requirement;
import dev.palisade.engine.rbac.model.ObjectSource;
import dev.palisade.engine.rbac.model.PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacAggregationTest {
    private static PolicyRule get(String resource) {
        return new PolicyRule(List.of("get"), List.of(""), List.of(resource), null, null);
    }

    private static ClusterRole leaf(String name, Map<String, String> labels, PolicyRule... rules) {
        return new ClusterRole(name, labels, List.of(rules), Optional.empty(), ObjectSource.NONE);
    }

    private static ClusterRole aggregating(String name, Map<String, String> labels, LabelSelector... selectors) {
        // declared rules are stale output of an earlier aggregation: the controller replaces them
        return new ClusterRole(name, labels, List.of(get("stale")), Optional.of(List.of(selectors)), ObjectSource.NONE);
    }

    private static List<PolicyRule> rulesOf(List<ClusterRole> roles, String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().rules();
    }

    @Test
    void nested_adminEditView_unionInSelectorThenNameOrder_deduplicated() {
        List<ClusterRole> roles = ClusterRoleAggregator.aggregate(List.of(
                aggregating("admin", Map.of(), LabelSelector.matchLabels(Map.of("to-admin", "true"))),
                aggregating("edit", Map.of("to-admin", "true"), LabelSelector.matchLabels(Map.of("to-edit", "true"))),
                aggregating("view", Map.of("to-edit", "true"), LabelSelector.matchLabels(Map.of("to-view", "true"))),
                leaf("z-view-pods", Map.of("to-view", "true"), get("pods")),
                leaf("b-edit-deploy", Map.of("to-edit", "true"), get("deployments"), get("pods")),
                leaf("a-admin-roles", Map.of("to-admin", "true"), get("roles"))));
        assertEquals(List.of(get("pods")), rulesOf(roles, "view"));
        assertEquals(List.of(get("deployments"), get("pods")), rulesOf(roles, "edit"));
        assertEquals(List.of(get("roles"), get("deployments"), get("pods")), rulesOf(roles, "admin"));
        assertEquals(List.of(get("pods")), rulesOf(roles, "z-view-pods"), "leaves keep their rules");
    }

    @Test
    void cycle_terminates_withTheUnionOfItsLeaves() {
        List<ClusterRole> roles = ClusterRoleAggregator.aggregate(List.of(
                aggregating("a", Map.of("x", "a"), LabelSelector.matchLabels(Map.of("x", "b"))),
                aggregating("b", Map.of("x", "b"), LabelSelector.matchLabels(Map.of("x", "a")),
                        LabelSelector.matchLabels(Map.of("x", "leaf"))),
                leaf("leaf", Map.of("x", "leaf"), get("pods"))));
        assertEquals(List.of(get("pods")), rulesOf(roles, "a"));
        assertEquals(List.of(get("pods")), rulesOf(roles, "b"));
    }

    @Test
    void noSelectors_meansNoRules_andEmptySelector_matchesEveryOtherRole() {
        List<ClusterRole> roles = ClusterRoleAggregator.aggregate(List.of(
                aggregating("nothing", Map.of()),
                aggregating("everything", Map.of(), new LabelSelector(null, null)),
                leaf("one", Map.of(), get("pods"))));
        assertEquals(List.of(), rulesOf(roles, "nothing"));
        assertEquals(List.of(get("pods")), rulesOf(roles, "everything"));
    }

    @ParameterizedTest(name = "{0} {1} on labels {2} → {3}")
    @CsvSource({
            "In, 'a b', 'k=a', true",
            "In, 'a b', 'k=c', false",
            "In, 'a', '', false",
            "NotIn, 'a', 'k=b', true",
            "NotIn, 'a', 'k=a', false",
            "NotIn, 'a', '', true",
            "Exists, '', 'k=', true",
            "Exists, '', 'j=1', false",
            "DoesNotExist, '', 'j=1', true",
            "DoesNotExist, '', 'k=x', false"})
    void matchExpressions(Operator op, String values, String label, boolean matches) {
        Map<String, String> labels = label.isEmpty() ? Map.of() : Map.of(label.split("=", -1)[0], label.split("=", -1)[1]);
        List<String> vals = values.isEmpty() ? List.of() : List.of(values.split(" "));
        LabelSelector s = new LabelSelector(null, List.of(new Requirement("k", op, vals)));
        assertEquals(matches, s.matches(labels));
    }
}
