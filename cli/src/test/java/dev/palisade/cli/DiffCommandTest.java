package dev.palisade.cli;

import static dev.palisade.cli.CliTest.ROOT;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade diff} on three realistic changes to the bundled example, and its exit codes. */
class DiffCommandTest {
    @TempDir
    Path tmp;
    Path old;
    Path changed;

    @BeforeEach
    void copyTheExampleTwice() throws IOException {
        old = copy(tmp.resolve("old"));
        changed = copy(tmp.resolve("new"));
    }

    private static Path copy(Path to) throws IOException {
        Path from = ROOT.resolve("examples");
        for (String part : List.of("palisade.yaml", "policies/cluster.pal", "rbac/cluster-bindings.yaml", "rbac/cluster-roles.yaml", "rbac/payments.yaml")) {
            Files.createDirectories(to.resolve(part).getParent());
            Files.copy(from.resolve(part), to.resolve(part));
        }
        return to;
    }

    private JsonNode diff(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("diff", "-o", "json", "-c", old.resolve("palisade.yaml").toString(),
                "-c", changed.resolve("palisade.yaml").toString()));
        args.addAll(List.of(extra));
        CliTest.Run r = run("", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return CliTest.JSON.readTree(r.out());
    }

    private static List<String> classes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("classes").forEach(c -> out.add(c.path("direction").asText() + " " + c.path("side").asText() + " "
                + c.path("authorizer").asText() + ": " + c.path("element").asText()));
        return out;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = changed.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), from);
        Files.writeString(p, text.replace(from, to));
    }

    @Test
    void unchangedConfiguration_changesNothing_andDoesNotFailOnGrant() throws IOException {
        CliTest.Run r = run("", "diff", "--fail-on-grant", "-c", old.resolve("palisade.yaml").toString(), "-c", changed.resolve("palisade.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("no request changes decision; 0 old and 0 new elements differ"), r.out());
    }

    @Test
    void aNewRoleBinding_grantsWhatItsRoleAllowsInItsNamespace() throws IOException {
        Files.writeString(changed.resolve("rbac/payments.yaml"), Files.readString(changed.resolve("rbac/payments.yaml")) + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: frontend-devs-read, namespace: frontend}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
                subjects:
                - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: frontend-devs}
                """);
        JsonNode report = diff();
        assertEquals(List.of("DENY->ALLOW new RBAC: RoleBinding \"frontend-devs-read/frontend\" of ClusterRole \"pod-reader\" to Group "
                + "\"frontend-devs\": {APIGroups:[\"\"], Resources:[\"pods\" \"pods/log\"], Verbs:[\"get\" \"list\" \"watch\"]}"), classes(report));
        JsonNode example = report.path("classes").get(0).path("example").path("spec");
        assertEquals("frontend", example.path("resourceAttributes").path("namespace").asText());
        assertTrue(example.path("groups").toString().contains("frontend-devs"), example.toString());
        assertEquals("ALLOW", report.path("classes").get(0).path("after").path("verdict").asText());
        CliTest.Run failing = run("", "diff", "--fail-on-grant", "-c", old.resolve("palisade.yaml").toString(), "-c", changed.resolve("palisade.yaml").toString());
        assertEquals(1, failing.exit(), failing.err());
    }

    /** Interns were denied every verb on secrets; now only get and list: what RBAC grants them for the rest comes back. */
    @Test
    void aNarrowedDslDeny_grantsTheVerbsItNoLongerDenies() throws IOException {
        edit("policies/cluster.pal", "when \"interns\" in user.groups and resource == \"secrets\"",
                "when \"interns\" in user.groups and resource == \"secrets\" and verb in [\"get\", \"list\"]");
        JsonNode report = diff();
        assertEquals(List.of("DENY->ALLOW old cluster-policy: deny \"example.cluster/no-secrets-for-interns\" when \"interns\" in "
                + "user.groups and resource == \"secrets\""), classes(report));
        JsonNode attrs = report.path("classes").get(0).path("example").path("spec").path("resourceAttributes");
        assertEquals("secrets", attrs.path("resource").asText());
        assertTrue(!List.of("get", "list").contains(attrs.path("verb").asText()), attrs.toString());
    }

    /** On-call engineers could debug pods through log and exec; a glob now lets them reach every subresource of a pod. */
    @Test
    void aWidenedGlob_grantsTheSubresourcesItNowMatches() throws IOException {
        edit("policies/cluster.pal", "subresource in [\"log\", \"exec\"]", "subresource matches \"*\"");
        JsonNode report = diff();
        assertEquals(List.of("DENY->ALLOW new cluster-policy: allow \"example.cluster/on-call-debug\" when \"oncall\" in user.groups "
                + "and resource == \"pods\" and subresource matches \"*\""), classes(report));
        JsonNode attrs = report.path("classes").get(0).path("example").path("spec").path("resourceAttributes");
        assertTrue(!List.of("log", "exec").contains(attrs.path("subresource").asText()), attrs.toString());
    }

    @Test
    void aRemovedBinding_revokes_andDoesNotFailOnGrant() throws IOException {
        edit("rbac/cluster-bindings.yaml", "  name: alice@example.com", "  name: alice@example.org");
        CliTest.Run r = run("", "diff", "--fail-on-grant", "-c", old.resolve("palisade.yaml").toString(), "-c", changed.resolve("palisade.yaml").toString());
        assertEquals(1, r.exit(), "renaming the subject also grants the new name: " + r.out());
        assertTrue(r.out().contains("REVOKED (ALLOW -> DENY)"), r.out());
        assertTrue(r.out().contains("GRANTED (DENY -> ALLOW)"), r.out());
    }

    @Test
    void aWebhookAuthorizerIsRefused_notGuessed() throws IOException {
        Files.writeString(changed.resolve("palisade.yaml"), Files.readString(changed.resolve("palisade.yaml")) + """
                    - type: Webhook
                      webhook: {url: "https://authz.example"}
                """);
        CliTest.Run r = run("", "diff", "-c", old.resolve("palisade.yaml").toString(), "-c", changed.resolve("palisade.yaml").toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("cannot be analysed"), r.err());
    }

    @Test
    void oneConfigurationIsAUsageError() {
        CliTest.Run r = run("", "diff", "-c", old.resolve("palisade.yaml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("diff needs exactly two configurations: -c OLD.yaml -c NEW.yaml (got 1)"), r.err());
    }
}
