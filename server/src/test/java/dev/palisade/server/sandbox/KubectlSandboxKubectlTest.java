package dev.palisade.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.server.FixedEngineSource;
import dev.palisade.server.TestServer;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox driven by the real kubectl (/usr/bin/kubectl, the gcloud dispatcher that picks its
 * 1.32 client from the server's /version) over TLS with a test CA and a bearer token: whoami,
 * can-i yes and no, create --dry-run=server of a compliant and of a privileged Pod under
 * PodSecurity restricted, an authorization denial and a write without dry run. Skipped with a
 * message when kubectl is absent; under CI=true its absence fails the test.
 */
class KubectlSandboxKubectlTest {
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    @TempDir
    static Path dir;

    private static TestServer server;
    private static Path resources;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(KUBECTL)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kubectl is required under CI=true (.ci/run installs it with apt-get install kubectl)");
            }
            assumeTrue(false, "kubectl is not installed at " + KUBECTL + "; the kubectl sandbox tests are skipped");
        }
        resources = resourceDir();
        FixedEngineSource engines = new FixedEngineSource(PolicyEngine.fromConfig(resources.resolve("palisade.yaml")));
        server = TestServer.start(dir, engines, b -> b.fallback(new KubectlSandbox(engines)));
        StringWriter ca = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(ca)) {
            w.writeObject(server.ca.certificate());
        }
        String caData = Base64.getEncoder().encodeToString(ca.toString().getBytes(StandardCharsets.US_ASCII));
        for (String user : List.of("alice", "carol", "mallory")) {
            String token = user.equals("mallory") ? "not-a-token" : "token-" + user + "-sandbox";
            Files.writeString(dir.resolve(user + ".kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: sandbox
                      cluster:
                        server: https://127.0.0.1:%d
                        certificate-authority-data: %s
                    users:
                    - name: %s
                      user:
                        token: %s
                    contexts:
                    - name: sandbox
                      context: {cluster: sandbox, user: %s, namespace: team-a}
                    current-context: sandbox
                    """.formatted(server.server.securePort(), caData, user, token, user));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path resourceDir() throws URISyntaxException {
        return Path.of(KubectlSandboxKubectlTest.class.getResource("/sandbox/palisade.yaml").toURI()).getParent();
    }

    record Run(int exit, String out, String err) {}

    private static Run kubectl(String user, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
                dir.resolve(user + ".kubeconfig").toString(), "--cache-dir", dir.resolve("cache-" + user).toString(),
                "--request-timeout", "20s"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", dir.toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        Run run = new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")).strip(),
                Files.readString(dir.resolve("err.txt")).strip());
        System.out.println("$ kubectl " + String.join(" ", args) + "  (as " + user + ", exit " + run.exit + ")\n"
                + run.out + (run.err.isEmpty() ? "" : "\n[stderr] " + run.err));
        return run;
    }

    @Test
    void whoamiNamesTheTokenUser() throws Exception {
        Run r = kubectl("alice", "auth", "whoami", "-o", "json");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("\"username\": \"alice\""), r.out);
        assertTrue(r.out.contains("\"SelfSubjectReview\""), r.out);
    }

    @Test
    void unknownTokenIsUnauthorized() throws Exception {
        Run r = kubectl("mallory", "auth", "whoami");
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("Unauthorized"), r.err);
    }

    @Test
    void canIAnswersYesAndNoPerNamespace() throws Exception {
        Run yes = kubectl("alice", "auth", "can-i", "create", "pods", "-n", "team-a", "-v=8");
        assertEquals(0, yes.exit, yes.err);
        assertEquals("yes", yes.out);
        assertTrue(yes.err.lines().anyMatch(l -> l.contains("Content-Type: application/vnd.kubernetes.protobuf")),
                "kubectl sends the SelfSubjectAccessReview as protobuf, and the sandbox decodes it");
        Run otherNamespace = kubectl("alice", "auth", "can-i", "create", "pods", "-n", "team-b");
        assertEquals(1, otherNamespace.exit);
        assertEquals("no", otherNamespace.out);
        Run deployments = kubectl("alice", "auth", "can-i", "create", "deployments.apps", "-n", "team-a");
        assertEquals("yes", deployments.out, deployments.err);
        Run delete = kubectl("alice", "auth", "can-i", "delete", "pods", "-n", "team-a");
        assertEquals("no", delete.out, delete.err);
        Run carol = kubectl("carol", "auth", "can-i", "get", "pods", "-n", "team-a");
        assertEquals("no", carol.out, carol.err);
        Run explicit = kubectl("alice", "auth", "can-i", "create", "pods", "-n", "kube-system");
        assertEquals(1, explicit.exit);
        assertTrue(explicit.out.startsWith("no - "), "an explicit DSL deny carries its reason: " + explicit.out);
        assertTrue(explicit.out.contains("kube-system is managed by the platform team"), explicit.out);
    }

    @Test
    void compliantPodIsCreatedInADryRun() throws Exception {
        Run r = kubectl("alice", "create", "--dry-run=server", "-f", resources.resolve("good-pod.yaml").toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("pod/good created (server dry run)", r.out);
    }

    @Test
    void createReturnsTheObjectAsMutatedByAdmission() throws Exception {
        Run r = kubectl("alice", "create", "--dry-run=server", "-f", resources.resolve("good-pod.yaml").toString(),
                "-o", "jsonpath={.metadata.labels.team}");
        assertEquals(0, r.exit, r.err);
        assertEquals("unassigned", r.out);
    }

    @Test
    void whoamiTable() throws Exception {
        Run r = kubectl("alice", "auth", "whoami");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.matches("(?s)ATTRIBUTE\\s+VALUE\\s+Username\\s+alice\\s+UID\\s+1001\\s+Groups\\s+\\[dev.*"), r.out);
    }

    @Test
    void canIListShowsTheRbacRulesOfTheNamespace() throws Exception {
        Run r = kubectl("alice", "auth", "can-i", "--list", "-n", "team-a");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list create\\]")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("deployments.apps\\s+\\[\\]\\s+\\[\\]\\s+\\[get list create\\]")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("configmaps\\s+\\[\\]\\s+\\[\\]\\s+\\[get watch\\]")),
                "the aggregated ClusterRole team-viewer is expanded: " + r.out);
        Run other = kubectl("alice", "auth", "can-i", "--list", "-n", "team-b");
        assertFalse(other.out.lines().anyMatch(l -> l.startsWith("pods ")), other.out);
    }

    @Test
    void canIListShowsTheDslAllowRulesToo() throws Exception {
        // guard-rails.pal: allow "developers-read-pod-logs" (any API group: kubectl shows "pods.*/log")
        Run r = kubectl("alice", "auth", "can-i", "--list", "-n", "team-b");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("pods\\.\\*/log\\s+\\[\\]\\s+\\[\\]\\s+\\[get\\]")), r.out);
        Run carol = kubectl("carol", "auth", "can-i", "--list", "-n", "team-b");
        assertFalse(carol.out.contains("pods/log"), "carol is not in dev: " + carol.out);
    }

    @Test
    void privilegedDeploymentIsCreatedWithThePodSecurityWarning() throws Exception {
        Run r = kubectl("alice", "create", "--dry-run=server", "-f", resources.resolve("privileged-deployment.yaml").toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("deployment.apps/web created (server dry run)", r.out);
        assertTrue(r.err.startsWith("Warning: would violate PodSecurity \"restricted:latest\": "), r.err);
    }

    @Test
    void getAnswersFromAnEmptyStore() throws Exception {
        Run list = kubectl("alice", "get", "pods");
        assertEquals(0, list.exit, list.err);
        assertEquals("No resources found in team-a namespace.", list.err);
        Run one = kubectl("alice", "get", "pod", "web");
        assertEquals(1, one.exit);
        assertEquals("Error from server (NotFound): pods \"web\" not found", one.err);
        Run forbidden = kubectl("carol", "get", "pods");
        assertEquals(1, forbidden.exit);
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"carol\" cannot list resource \"pods\""
                + " in API group \"\" in the namespace \"team-a\"", forbidden.err);
    }

    @Test
    void applyOfACompliantPodIsCreatedInADryRun() throws Exception {
        Run r = kubectl("alice", "apply", "--dry-run=server", "-f", resources.resolve("good-pod.yaml").toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("pod/good created (server dry run)", r.out);
    }

    @Test
    void privilegedPodIsRejectedByPodSecurityRestricted() throws Exception {
        Run r = kubectl("alice", "create", "--dry-run=server", "-f", resources.resolve("bad-pod.yaml").toString());
        assertEquals(1, r.exit);
        assertEquals("Error from server (Forbidden): error when creating \"" + resources.resolve("bad-pod.yaml")
                + "\": pods \"bad\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"
                + " (container \"app\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities"
                + " (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]), privileged (container \"app\""
                + " must not set securityContext.privileged=true), runAsNonRoot != true (pod or container \"app\" must set"
                + " securityContext.runAsNonRoot=true), seccompProfile (pod or container \"app\" must set"
                + " securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")", r.err);
    }

    @Test
    void createByAnUnauthorizedUserIsForbiddenAsTheApiserverSaysIt() throws Exception {
        Run r = kubectl("carol", "create", "--dry-run=server", "-f", resources.resolve("good-pod.yaml").toString());
        assertEquals(1, r.exit);
        assertEquals("Error from server (Forbidden): error when creating \"" + resources.resolve("good-pod.yaml")
                + "\": pods is forbidden: User \"carol\" cannot create resource \"pods\" in API group \"\""
                + " in the namespace \"team-a\"", r.err);
    }

    @Test
    void writeWithoutDryRunIsRefused() throws Exception {
        Run r = kubectl("alice", "create", "-f", resources.resolve("good-pod.yaml").toString());
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("without dryRun=All"), r.err);
        assertFalse(r.out.contains("created"), r.out);
    }
}
