package dev.palisade.cli;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.testing.Conformance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real AdmissionReviews and documented responses in the conformance wire formats go through
 * {@code palisade admit} and come back in the shapes the apiserver expects.
 */
class AdmissionWireFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Answer(int exit, JsonNode review, String err) {
        JsonNode response() {
            return review.get("response");
        }
    }

    private Path config(String admission) throws Exception {
        Path cfg = dir.resolve("palisade.yaml");
        Files.writeString(cfg, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\n"
                + "authorization:\n  authorizers:\n    - type: AlwaysDeny\n"
                + "admission:\n  plugins:\n" + admission);
        return cfg;
    }

    private Path podSecurity(String level) throws Exception {
        return config("    - type: PodSecurity\n      level: " + level + "\n      version: latest\n");
    }

    private static Answer admit(Path cfg, Path input) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PalisadeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("admit", "-c", cfg.toString(), input.toString());
        String line = out.toString().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow(
                () -> new AssertionError("no answer; stderr: " + err));
        return new Answer(exit, JSON.readTree(line), err.toString());
    }

    private static Path wire(String name) {
        return Conformance.resolve("webhook-wire-formats/" + name);
    }

    private static JsonNode read(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} under {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            privileged as a string  | baseline   | "securityContext": {"privileged": "true"}        | | spec.containers[0].securityContext.privileged: expected true or false, not a string
            privileged as a string  | restricted | "securityContext": {"privileged": "true"}        | | spec.containers[0].securityContext.privileged: expected true or false, not a string
            hostNetwork as a string | baseline   | "image": "nginx"                                 | "hostNetwork": "true", | spec.hostNetwork: expected true or false, not a string
            hostNetwork as a string | restricted | "image": "nginx"                                 | "hostNetwork": "true", | spec.hostNetwork: expected true or false, not a string
            """)
    void d7_wronglyTypedFieldsAreAnsweredBadRequest(String name, String level, String container, String spec, String path) throws Exception {
        Path review = dir.resolve("review.json");
        Files.writeString(review, ("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"d7\","
                + " \"kind\": {\"group\": \"\", \"version\": \"v1\", \"kind\": \"Pod\"}, \"resource\": {\"group\": \"\", \"version\": \"v1\", \"resource\": \"pods\"},"
                + " \"operation\": \"CREATE\", \"namespace\": \"default\", \"object\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
                + " \"spec\": {%s \"containers\": [{\"name\": \"c\", %s}]}}}}\n").formatted(spec == null ? "" : spec, container));
        Answer a = admit(podSecurity(level), review);
        assertFalse(a.response().path("allowed").asBoolean(true), a.review().toString());
        assertEquals(400, a.response().path("status").path("code").asInt(), a.review().toString());
        assertEquals("d7", a.response().path("uid").asText());
        assertTrue(a.response().path("status").path("message").asText().endsWith("request.object." + path), a.review().toString());
    }

    @Test
    void d7_specAsAListIsAnsweredBadRequest() throws Exception {
        Path review = dir.resolve("review.json");
        Files.writeString(review, "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"d7\","
                + " \"kind\": {\"group\": \"\", \"version\": \"v1\", \"kind\": \"Pod\"}, \"resource\": {\"group\": \"\", \"version\": \"v1\", \"resource\": \"pods\"},"
                + " \"operation\": \"CREATE\", \"namespace\": \"default\", \"object\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
                + " \"spec\": [{\"hostPID\": true}]}}}\n");
        for (String level : List.of("baseline", "restricted")) {
            Answer a = admit(podSecurity(level), review);
            assertFalse(a.response().path("allowed").asBoolean(true), a.review().toString());
            assertEquals(400, a.response().path("status").path("code").asInt());
            assertTrue(a.response().path("status").path("message").asText().endsWith("request.object.spec: expected an object, not a list"),
                    a.review().toString());
        }
    }

    @Test
    void realPodCreate_restricted_isDeniedWithUpstreamWordingAndUidCopied() throws Exception {
        Path review = wire("admission/wrapped_admissionreview-v1_pod_create_runtimeclass-runc.json");
        Answer a = admit(podSecurity("restricted"), review);
        assertEquals(1, a.exit(), a.err());
        assertEquals("admission.k8s.io/v1", a.review().get("apiVersion").asText());
        assertEquals("AdmissionReview", a.review().get("kind").asText());
        assertEquals(read(review).at("/request/uid"), a.response().get("uid"));
        assertFalse(a.response().get("allowed").asBoolean());
        assertEquals(403, a.response().at("/status/code").asInt());
        assertTrue(a.response().at("/status/message").asText().startsWith("violates PodSecurity \"restricted:latest\": "),
                a.response().toString());
        assertTrue(a.response().at("/status/details/causes").size() > 0, a.response().toString());
    }

    @Test
    void realPodCreate_baseline_isAllowedInTheDocumentedShape() throws Exception {
        Path review = wire("admission/wrapped_admissionreview-v1_pod_create_runtimeclass-runc.json");
        Answer a = admit(podSecurity("baseline"), review);
        assertEquals(0, a.exit(), a.err());
        JsonNode documented = read(wire("admission/docs-admission_admissionreview-v1beta1_response_allowed.json"));
        assertEquals(fieldNames(documented.get("response")), fieldNames(a.response()));
        assertEquals(read(review).at("/request/uid"), a.response().get("uid"));
    }

    @Test
    void realPodDelete_withOldObjectOnly_isAllowed() throws Exception {
        Path review = wire("admission/wrapped_admissionreview-v1_pod_delete_with-oldObject.json");
        Answer a = admit(podSecurity("restricted"), review);
        assertEquals(0, a.exit(), a.err());
        assertTrue(a.response().get("allowed").asBoolean());
        assertEquals("6230ff1b-7dd7-42af-88d2-fbf9aecde94b", a.response().get("uid").asText());
    }

    @Test
    void v1beta1Review_isAnsweredInV1beta1() throws Exception {
        ObjectNode review = (ObjectNode) read(wire("admission/wrapped_admissionreview-v1_pod_create_runtimeclass-runc.json"));
        review.put("apiVersion", "admission.k8s.io/v1beta1");
        Path input = dir.resolve("v1beta1.json");
        Files.writeString(input, JSON.writeValueAsString(review));
        Answer a = admit(podSecurity("restricted"), input);
        assertEquals("admission.k8s.io/v1beta1", a.review().get("apiVersion").asText());
        JsonNode documented = read(wire("admission/docs-admission_admissionreview-v1beta1_response_forbidden-with-status.json"));
        assertTrue(fieldNames(a.response()).containsAll(fieldNames(documented.get("response"))));
        assertTrue(fieldNames(a.response().get("status")).containsAll(fieldNames(documented.at("/response/status"))));
    }

    @Test
    void mutation_matchesTheDocumentedJsonPatchResponse() throws Exception {
        Files.writeString(dir.resolve("replicas.pal"), """
                package defaults
                mutate "default-replicas" on CREATE deployments
                  when object.spec.replicas is absent
                  set object.spec.replicas = 3
                """);
        Path cfg = config("    - type: Policy\n      paths: [replicas.pal]\n");
        Path input = dir.resolve("deployment.json");
        Files.writeString(input, """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
                  "uid":"705ab4f5-6393-11e8-b7cc-42010a800002","operation":"CREATE",
                  "kind":{"group":"apps","version":"v1","kind":"Deployment"},
                  "resource":{"group":"apps","version":"v1","resource":"deployments"},
                  "namespace":"default","name":"web","userInfo":{"username":"admin"},
                  "object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[]}}}}}}
                """.replace("\n", ""));
        Answer a = admit(cfg, input);
        assertEquals(0, a.exit(), a.err());
        JsonNode documented = read(wire("admission/docs-admission_admissionreview-v1beta1_response_jsonpatch.json")).get("response");
        assertEquals(fieldNames(documented), fieldNames(a.response()));
        assertEquals("JSONPatch", a.response().get("patchType").asText());
        JsonNode patch = JSON.readTree(new String(Base64.getDecoder().decode(a.response().get("patch").asText()), StandardCharsets.UTF_8));
        assertEquals(read(wire("admission/docs-admission_jsonpatch-decoded.json")), patch);
    }

    @Test
    void apiTestdataReviews_withPlaceholderValues_areRejectedAs400InTheirOwnVersion() throws Exception {
        for (String version : new String[] {"v1", "v1beta1"}) {
            Path review = wire("api-testdata/admission.k8s.io." + version + ".AdmissionReview.json");
            Answer a = admit(podSecurity("baseline"), review);
            assertEquals(2, a.exit());
            assertEquals("admission.k8s.io/" + version, a.review().get("apiVersion").asText());
            assertEquals("uidValue", a.response().get("uid").asText());
            assertFalse(a.response().get("allowed").asBoolean());
            assertEquals(400, a.response().at("/status/code").asInt());
            assertTrue(a.response().at("/status/message").asText().contains("operationValue"), a.response().toString());
        }
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
