package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.rbac.load.LoadProblem;
import dev.palisade.engine.rbac.load.LoadedRbac;
import dev.palisade.engine.rbac.load.RbacLoadException;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.LabelSelector;
import dev.palisade.engine.rbac.model.ObjectSource;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.Subject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacObjectsLoaderTest {
    private final RbacObjectsLoader loader = new RbacObjectsLoader();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RbacObjectsLoaderTest.class.getResource("/rbac/" + name).toURI());
    }

    @Test
    void folder_readsYamlYmlJsonRecursively_multiDocAndLists_skippingOtherKinds() throws Exception {
        LoadedRbac loaded = loader.load(List.of(resource("folder")));
        assertEquals(1, loaded.policy().roles().size());
        assertEquals(1, loaded.policy().clusterRoles().size());
        assertEquals(1, loaded.policy().roleBindings().size());
        assertEquals(1, loaded.policy().clusterRoleBindings().size());
        assertEquals(Map.of("ConfigMap", 1, "Namespace", 1), loaded.skippedByKind());

        RoleBinding rb = loaded.policy().roleBindings().get(0);
        assertEquals("read-pods", rb.name());
        assertEquals(List.of(new Subject("User", "rbac.authorization.k8s.io", "jane", ""),
                new Subject("ServiceAccount", "", "ci", "")), rb.subjects());
        assertTrue(rb.source().file().endsWith("20-bindings.yml"));
        assertEquals(6, rb.source().line(), "items without kind take it from RoleBindingList, positioned at the item");

        assertEquals(Map.of("team", "infra"), loaded.policy().clusterRoles().get(0).labels());
        assertEquals(new PolicyRule(List.of("get", "list"), List.of(""), List.of("pods", "pods/log"), null, null),
                loaded.policy().roles().get(0).rules().get(0));
        ClusterRoleBinding crb = loaded.policy().clusterRoleBindings().get(0);
        assertEquals(new ObjectSource(crb.source().file(), 5), crb.source(), "JSON (with tabs) is read with positions too");
    }

    @Test
    void loadedFolder_decides() throws Exception {
        RbacAuthorizer rbac = RbacAuthorizer.fromPaths(List.of(resource("folder")));
        var ci = dev.palisade.engine.request.UserInfo.of("system:serviceaccount:dev:ci");
        var d = rbac.authorize(dev.palisade.engine.request.RequestAttributes.resource(ci, "get", "dev", "", "pods", "log", "web"));
        assertTrue(d.allowed());
        assertTrue(d.reasonText().startsWith(
                "RBAC: allowed by RoleBinding \"read-pods/dev\" of Role \"pod-reader\" to ServiceAccount \"ci/dev\" ("), d.reasonText());
        assertTrue(d.reasonText().endsWith("20-bindings.yml:6)"), "the reason points at the binding: " + d.reasonText());
    }

    @Test
    void errors_areAllReported_withFileAndLine() throws Exception {
        RbacLoadException e = assertThrows(RbacLoadException.class, () -> loader.load(List.of(resource("bad"))));
        List<String> rendered = e.loadProblems().stream().map(p -> p.render().replaceFirst("^.*/bad/", "")).toList();
        assertEquals(List.of(
                "broken.yaml:10: not valid YAML: while parsing a flow sequence (from line 9): expected ',' or ']', but got :",
                "errors.yaml:1: RoleBinding \"no-ref/dev\" has no roleRef",
                "errors.yaml:19: ClusterRoleBinding \"odd-subject\" has a subject of unknown kind \"Robot\" (use User, Group or ServiceAccount)",
                "errors.yaml:27: \"rules\" must be a list, not a mapping",
                "errors.yaml:37: rule has an unknown field \"verb\"",
                "errors.yaml:35: rule has no verbs, so it would grant nothing"), rendered);
        assertTrue(e.getMessage().startsWith("6 problems loading RBAC objects:\n  "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "role without namespace | kind: Role\\nmetadata: {name: r}\\nrules: [] | 2: Role metadata is missing \"namespace\"",
            "roleRef kind in a ClusterRoleBinding | kind: ClusterRoleBinding\\nmetadata: {name: b}\\nroleRef: {kind: Role, name: r} | 3: ClusterRoleBinding \"b\" roleRef kind must be ClusterRole, not \"Role\"",
            "cluster-wide service account without namespace | kind: ClusterRoleBinding\\nmetadata: {name: b}\\nroleRef: {kind: ClusterRole, name: r}\\nsubjects: [{kind: ServiceAccount, name: sa}] | 4: ClusterRoleBinding \"b\" ServiceAccount subject \"sa\" needs a namespace (only RoleBindings default it)",
            "verbs not a list | kind: ClusterRole\\nmetadata: {name: r}\\nrules:\\n- verbs: get | 4: \"verbs\" must be a list, not \"get\"",
            "no kind | metadata: {name: r} | 1: object has no \"kind\"",
            "document not a mapping | - a\\n- b | 1: an object must be a mapping, not a list",
            "duplicate role | kind: ClusterRole\\nmetadata: {name: r}\\n---\\nkind: ClusterRole\\nmetadata: {name: r} | 4: duplicate ClusterRole \"r\" (first defined at t.yaml:1)",
            "duplicate field | kind: ClusterRole\\nmetadata: {name: r}\\nrules: []\\nrules: [] | 4: an object has the field \"rules\" twice",
            "bad selector operator | kind: ClusterRole\\nmetadata: {name: r}\\naggregationRule:\\n  clusterRoleSelectors:\\n  - matchExpressions: [{key: a, operator: Maybe}] | 5: unknown selector operator \"Maybe\" (use In, NotIn, Exists or DoesNotExist)",
            "In without values | kind: ClusterRole\\nmetadata: {name: r}\\naggregationRule:\\n  clusterRoleSelectors:\\n  - matchExpressions: [{key: a, operator: In}] | 5: operator In needs at least one value"})
    void malformed_isReportedWithLine(String name, String yaml, String expected) {
        RbacLoadException e = assertThrows(RbacLoadException.class,
                () -> loader.loadText("t.yaml", yaml.replace("\\n", "\n")));
        assertEquals(List.of("t.yaml:" + expected), e.loadProblems().stream().map(LoadProblem::render).toList());
    }

    @Test
    void missingPath_isAProblem() {
        RbacLoadException e = assertThrows(RbacLoadException.class,
                () -> loader.load(List.of(Path.of("does/not/exist.yaml"))));
        assertEquals("does/not/exist.yaml: no such file or folder", e.loadProblems().get(0).render());
    }

    @Test
    void aggregationRule_isRead() {
        LoadedRbac loaded = loader.loadText("agg.yaml", String.join("\n",
                "kind: ClusterRole",
                "apiVersion: rbac.authorization.k8s.io/v1",
                "metadata: {name: monitoring}",
                "aggregationRule:",
                "  clusterRoleSelectors:",
                "  - matchLabels: {rbac.example.com/aggregate-to-monitoring: \"true\"}",
                "  - matchExpressions:",
                "    - {key: tier, operator: NotIn, values: [secret]}",
                "    - {key: team, operator: Exists}",
                "rules: null"));
        var role = loaded.policy().clusterRoles().get(0);
        assertEquals(List.of(
                LabelSelector.matchLabels(Map.of("rbac.example.com/aggregate-to-monitoring", "true")),
                new LabelSelector(null, List.of(
                        new LabelSelector.Requirement("tier", LabelSelector.Operator.NotIn, List.of("secret")),
                        new LabelSelector.Requirement("team", LabelSelector.Operator.Exists, null)))),
                role.aggregationRule().orElseThrow());
    }

    @Test
    void rbacKindOfAnotherApiGroup_isSkipped() {
        LoadedRbac loaded = loader.loadText("crd.yaml", "apiVersion: example.com/v1\nkind: Role\nmetadata: {name: x}\n");
        assertEquals(0, loaded.policy().size());
        assertEquals(1, loaded.skipped());
    }
}
