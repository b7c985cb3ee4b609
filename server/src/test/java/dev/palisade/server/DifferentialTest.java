package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.testing.Conformance;
import dev.palisade.engine.wire.SubjectAccessReviews;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The server over HTTPS answers exactly as the engine answers directly: seeded SubjectAccessReviews
 * over Kubernetes' bootstrap roles (as {@code palisade authorize} writes them), and every upstream
 * Pod Security fixture through {@code /validate} (as {@code palisade admit} writes them).
 */
class DifferentialTest {
    static final int REVIEWS = 3_000;
    static final long SEED = 13;

    @TempDir
    Path dir;

    static final String[] USERS = {"system:kube-scheduler", "system:kube-controller-manager", "system:kube-proxy",
            "system:serviceaccount:kube-system:deployment-controller", "system:serviceaccount:kube-system:replicaset-controller",
            "system:serviceaccount:kube-system:namespace-controller", "system:serviceaccount:default:default",
            "system:node:node-1", "system:anonymous", "alice", "bob", "admin"};
    static final String[][] GROUPS = {{}, {"system:authenticated"}, {"system:unauthenticated"}, {"system:masters"},
            {"system:nodes", "system:authenticated"}, {"system:serviceaccounts", "system:authenticated"},
            {"system:monitoring"}};
    static final String[] VERBS = {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
            "impersonate", "bind", "escalate", "use", "*"};
    static final String[][] RESOURCES = {{"", "pods"}, {"", "pods/log"}, {"", "pods/status"}, {"", "secrets"},
            {"", "configmaps"}, {"", "nodes"}, {"", "nodes/status"}, {"", "namespaces"}, {"", "serviceaccounts"},
            {"", "serviceaccounts/token"}, {"", "events"}, {"", "endpoints"}, {"", "persistentvolumes"},
            {"apps", "deployments"}, {"apps", "replicasets"}, {"apps", "deployments/scale"}, {"batch", "jobs"},
            {"rbac.authorization.k8s.io", "clusterroles"}, {"rbac.authorization.k8s.io", "rolebindings"},
            {"coordination.k8s.io", "leases"}, {"events.k8s.io", "events"}, {"discovery.k8s.io", "endpointslices"},
            {"authentication.k8s.io", "tokenreviews"}, {"authorization.k8s.io", "subjectaccessreviews"},
            {"certificates.k8s.io", "certificatesigningrequests"}, {"policy", "poddisruptionbudgets"}};
    static final String[] NAMESPACES = {"", "default", "kube-system", "kube-public", "team-a"};
    static final String[] PATHS = {"/healthz", "/livez", "/readyz", "/version", "/version/", "/api", "/api/v1", "/apis",
            "/apis/apps", "/openapi/v2", "/metrics", "/logs", "/debug/pprof"};

    static ObjectNode sar(Random r) {
        ObjectNode review = TestServer.JSON.createObjectNode();
        review.put("apiVersion", r.nextInt(4) == 0 ? "authorization.k8s.io/v1beta1" : "authorization.k8s.io/v1");
        review.put("kind", "SubjectAccessReview");
        review.putObject("metadata").put("uid", "sar-" + r.nextInt(1_000_000));
        ObjectNode spec = review.putObject("spec");
        spec.put("user", USERS[r.nextInt(USERS.length)]);
        String[] groups = GROUPS[r.nextInt(GROUPS.length)];
        var g = spec.putArray("groups");
        for (String group : groups) {
            g.add(group);
        }
        if (r.nextInt(5) == 0) {
            ObjectNode nr = spec.putObject("nonResourceAttributes");
            nr.put("verb", r.nextBoolean() ? "get" : VERBS[r.nextInt(VERBS.length)]);
            nr.put("path", PATHS[r.nextInt(PATHS.length)]);
        } else {
            ObjectNode ra = spec.putObject("resourceAttributes");
            String[] res = RESOURCES[r.nextInt(RESOURCES.length)];
            ra.put("verb", VERBS[r.nextInt(VERBS.length)]);
            ra.put("group", res[0]);
            int slash = res[1].indexOf('/');
            ra.put("resource", slash < 0 ? res[1] : res[1].substring(0, slash));
            if (slash > 0) {
                ra.put("subresource", res[1].substring(slash + 1));
            }
            String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
            if (!ns.isEmpty()) {
                ra.put("namespace", ns);
            }
            if (r.nextInt(3) == 0) {
                ra.put("name", "obj-" + r.nextInt(5));
            }
        }
        return review;
    }

    @Test
    void seededSubjectAccessReviews_overTheBootstrapRoles_answeredAsTheEngineAnswers() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().rbac(List.of(Conformance.resolve("rbac-bootstrap-policy"))).build();
        try (TestServer s = TestServer.start(dir, new FixedEngineSource(engine), b -> {})) {
            Random r = new Random(SEED);
            int allowed = 0;
            List<String> disagreements = new ArrayList<>();
            for (int i = 0; i < REVIEWS; i++) {
                ObjectNode review = sar(r);
                String path = "/apis/" + review.get("apiVersion").asText() + "/subjectaccessreviews";
                HttpResponse<String> answer = s.post(path, "application/json", review.toString());
                JsonNode expected = SubjectAccessReviews.withStatus(review.deepCopy(),
                        engine.authorize(SubjectAccessReviews.toAttributes(review)));
                JsonNode got = TestServer.json(answer);
                if (answer.statusCode() != 200 || !expected.equals(got)) {
                    disagreements.add(review + "\n   engine: " + expected.get("status") + "\n   server: " + answer.body());
                }
                allowed += got.path("status").path("allowed").asBoolean(false) ? 1 : 0;
            }
            assertEquals(List.of(), disagreements.subList(0, Math.min(5, disagreements.size())),
                    disagreements.size() + " of " + REVIEWS + " disagree");
            // a mix worth comparing: neither side trivially all-allow or all-deny
            assertTrue(allowed > REVIEWS / 10 && allowed < REVIEWS * 9 / 10, "allowed " + allowed + " of " + REVIEWS);
        }
    }

    record Fixture(String file, String level, String version, boolean pass, String podName) {}

    @Test
    void everyPodSecurityFixture_throughValidate_answeredAsAdmitAnswers() throws Exception {
        Path pss = Conformance.resolve("pod-security-admission");
        Map<String, List<Fixture>> byProgram = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(pss.resolve("index.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            byProgram.computeIfAbsent(f[1] + " " + f[2], k -> new ArrayList<>())
                    .add(new Fixture(f[0], f[1], f[2], f[6].equals("pass"), f[9]));
        }
        AtomicReference<PolicyEngine> current = new AtomicReference<>();
        EngineSource switching = new EngineSource() {
            public EngineLease acquire() {
                PolicyEngine e = current.get();
                return new EngineLease() {
                    public PolicyEngine engine() {
                        return e;
                    }

                    public long generation() {
                        return 1;
                    }

                    public void close() {}
                };
            }

            public boolean ready() {
                return current.get() != null;
            }

            public long generation() {
                return 1;
            }

            public void close() {}
        };
        Yaml yaml = new Yaml();
        int count = 0;
        int denied = 0;
        List<String> disagreements = new ArrayList<>();
        try (TestServer s = TestServer.start(dir, switching, b -> {})) {
            for (List<Fixture> group : byProgram.values()) {
                Fixture first = group.get(0);
                PolicyEngine engine = PolicyEngine.builder().add(StaticAuthorizer.alwaysDeny())
                        .admission(PodSecurityAdmissionPlugin.of("pss", PodSecurityLevel.parse(first.level()),
                                PodSecurityVersion.parse(first.version()))).build();
                current.set(engine);
                for (Fixture f : group) {
                    JsonNode pod = TestServer.JSON.valueToTree(yaml.load(Files.readString(pss.resolve(f.file()))));
                    ObjectNode review = TestServer.JSON.createObjectNode();
                    review.put("apiVersion", "admission.k8s.io/v1");
                    review.put("kind", "AdmissionReview");
                    ObjectNode req = review.putObject("request");
                    req.put("uid", "fx-" + count);
                    req.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
                    req.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
                    req.put("namespace", "default");
                    req.put("name", f.podName());
                    req.put("operation", "CREATE");
                    req.putObject("userInfo").put("username", "fixture");
                    req.set("object", pod);
                    HttpResponse<String> answer = s.post("/validate", "application/json", review.toString());
                    // what palisade admit writes for the same review
                    JsonNode expected = AdmissionReviews.response(AdmissionReviews.answerVersion(review), "fx-" + count,
                            engine.admit(AdmissionReviews.toRequest(review)));
                    JsonNode got = TestServer.json(answer);
                    boolean allowed = got.path("response").path("allowed").asBoolean(false);
                    if (answer.statusCode() != 200 || !expected.equals(got)) {
                        disagreements.add(f.file() + ": engine " + expected + "\n   server " + answer.body());
                    } else if (allowed != f.pass()) {
                        disagreements.add(f.file() + ": expected " + (f.pass() ? "pass" : "fail") + ", got " + answer.body());
                    }
                    denied += allowed ? 0 : 1;
                    count++;
                }
                current.set(null);
                engine.close();
            }
        }
        assertEquals(4537, count, "fixtures in index.csv");
        assertTrue(denied > 1000, "denied " + denied);
        assertEquals(List.of(), disagreements.subList(0, Math.min(5, disagreements.size())),
                disagreements.size() + " of " + count + " disagree");
    }
}
