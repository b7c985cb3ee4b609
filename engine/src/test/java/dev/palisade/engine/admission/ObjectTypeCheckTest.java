package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * D7: an AdmissionReview whose object has a field of the wrong JSON type was judged as if the
 * field were absent, so {@code privileged: "true"} passed PodSecurity baseline and restricted.
 * The review is now refused as malformed (400) before any plugin runs.
 */
class ObjectTypeCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app": "web"}},
             "spec": {"containers": [{"name": "c", "image": "nginx",
               "securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true,
                 "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
               "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
               "ports": [{"containerPort": 80}],
               "livenessProbe": {"httpGet": {"port": "http", "path": "/"}}}]}}
            """;

    static ObjectNode review(String object) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "u1", "kind": {"group": "", "version": "v1", "kind": "Pod"},
                   "resource": {"group": "", "version": "v1", "resource": "pods"},
                   "operation": "CREATE", "namespace": "default", "name": "p",
                   "userInfo": {"username": "alice"}, "object": %s}}
                """.formatted(object));
    }

    /** The pod with one field replaced: {@code path} as a JSON pointer, {@code value} as JSON text. */
    static String podWith(String pointer, String value) throws Exception {
        ObjectNode pod = (ObjectNode) JSON.readTree(POD);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = pod.at(pointer.substring(0, slash));
        ((ObjectNode) parent).set(pointer.substring(slash + 1), JSON.readTree(value));
        return pod.toString();
    }

    private static AdmissionChain podSecurity(PodSecurityLevel level) {
        return new AdmissionChain(List.of(PodSecurityAdmissionPlugin.of("pss", level, PodSecurityVersion.parse("latest"))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PodSecurityLevel.class, names = {"BASELINE", "RESTRICTED"})
    void d7_wellTypedPodIsReadAndJudged(PodSecurityLevel level) throws Exception {
        assertTrue(podSecurity(level).admit(AdmissionReviews.toRequest(review(POD))).allowed());
        // and the typed fields the defect was about, well typed, are judged: privileged is denied
        AdmissionDecision d = podSecurity(level).admit(AdmissionReviews.toRequest(
                review(podWith("/spec/containers/0/securityContext/privileged", "true"))));
        assertFalse(d.allowed());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PodSecurityLevel.class, names = {"BASELINE", "RESTRICTED"})
    void d7_stringPrivilegedIsRejected(PodSecurityLevel level) throws Exception {
        ObjectNode r = review(podWith("/spec/containers/0/securityContext/privileged", "\"true\""));
        InvalidAdmissionReviewException e = assertThrows(InvalidAdmissionReviewException.class, () -> podSecurity(level).admit(AdmissionReviews.toRequest(r)));
        assertEquals("request.object.spec.containers[0].securityContext.privileged: expected true or false, not a string", e.getMessage());
        assertBadRequest(r, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PodSecurityLevel.class, names = {"BASELINE", "RESTRICTED"})
    void d7_stringHostNetworkIsRejected(PodSecurityLevel level) throws Exception {
        ObjectNode r = review(podWith("/spec/hostNetwork", "\"true\""));
        InvalidAdmissionReviewException e = assertThrows(InvalidAdmissionReviewException.class, () -> podSecurity(level).admit(AdmissionReviews.toRequest(r)));
        assertEquals("request.object.spec.hostNetwork: expected true or false, not a string", e.getMessage());
        assertBadRequest(r, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PodSecurityLevel.class, names = {"BASELINE", "RESTRICTED"})
    void d7_specAsAListIsRejected(PodSecurityLevel level) throws Exception {
        ObjectNode r = review(podWith("/spec", "[{\"containers\": [{\"name\": \"c\", \"securityContext\": {\"privileged\": true}}]}]"));
        InvalidAdmissionReviewException e = assertThrows(InvalidAdmissionReviewException.class, () -> podSecurity(level).admit(AdmissionReviews.toRequest(r)));
        assertEquals("request.object.spec: expected an object, not a list", e.getMessage());
        assertBadRequest(r, e);
    }

    private static void assertBadRequest(JsonNode review, InvalidAdmissionReviewException e) {
        JsonNode answer = AdmissionReviews.invalid(review, e.getMessage());
        assertFalse(answer.path("response").path("allowed").asBoolean(true));
        assertEquals(400, answer.path("response").path("status").path("code").asInt());
        assertEquals("u1", answer.path("response").path("uid").asText());
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            boolean as number          | /spec/hostPID                                     | 1                   | spec.hostPID: expected true or false, not the integer 1
            boolean accepted           | /spec/hostPID                                     | false               |
            null is the zero value     | /spec/hostPID                                     | null                |
            int32 as string            | /spec/containers/0/ports/0/containerPort          | "80"                | spec.containers[0].ports[0].containerPort: expected a 32-bit integer, not a string
            int32 with fraction        | /spec/containers/0/ports/0/containerPort          | 80.5                | spec.containers[0].ports[0].containerPort: expected a 32-bit integer, not a number with a fraction or exponent
            int32 written 80.0         | /spec/containers/0/ports/0/containerPort          | 80.0                | spec.containers[0].ports[0].containerPort: expected a 32-bit integer, not a number with a fraction or exponent
            int32 overflow             | /spec/containers/0/ports/0/containerPort          | 4294967296          | spec.containers[0].ports[0].containerPort: expected a 32-bit integer, not the integer 4294967296
            int64 fits                 | /spec/activeDeadlineSeconds                       | 4294967296          |
            int64 overflow             | /spec/activeDeadlineSeconds                       | 99999999999999999999 | spec.activeDeadlineSeconds: expected an integer, not an integer out of range
            string as number           | /spec/containers/0/image                          | 7                   | spec.containers[0].image: expected a string, not the integer 7
            string as object           | /spec/containers/0/image                          | {}                  | spec.containers[0].image: expected a string, not an object
            list as object             | /spec/containers                                  | {"name": "c"}       | spec.containers: expected a list, not an object
            list item as string        | /spec/containers/0/securityContext/capabilities/drop | [7]              | spec.containers[0].securityContext.capabilities.drop[0]: expected a string, not the integer 7
            object as string           | /spec/containers/0/securityContext                | "privileged"        | spec.containers[0].securityContext: expected an object, not a string
            map value as list          | /metadata/labels                                  | {"a": ["b"]}        | metadata.labels.a: expected a string, not a list
            map key quoted in path     | /metadata/labels                                  | {"app.kubernetes.io/name": 1} | `metadata.labels["app.kubernetes.io/name"]: expected a string, not the integer 1`
            map as list                | /metadata/labels                                  | ["a"]               | metadata.labels: expected an object, not a list
            int-or-string as integer   | /spec/containers/0/livenessProbe/httpGet/port     | 8080                |
            int-or-string as bool      | /spec/containers/0/livenessProbe/httpGet/port     | true                | spec.containers[0].livenessProbe.httpGet.port: expected an integer or a string, not a boolean
            int-or-string fraction     | /spec/containers/0/livenessProbe/httpGet/port     | 80.5                | spec.containers[0].livenessProbe.httpGet.port: expected an integer or a string, not a number with a fraction or exponent
            quantity as number         | /spec/containers/0/resources/limits               | {"cpu": 0.5}        |
            quantity as string         | /spec/containers/0/resources/limits               | {"memory": " 1Gi ", "cpu": "1e3", "x": "-.5E-2"} |
            quantity not parsable      | /spec/containers/0/resources/limits               | {"cpu": "lots"}     | spec.containers[0].resources.limits.cpu: expected a quantity (a number or a string such as "500m"), not a string that is not a quantity
            quantity as boolean        | /spec/containers/0/resources/limits               | {"cpu": true}       | spec.containers[0].resources.limits.cpu: expected a quantity (a number or a string such as "500m"), not a boolean
            time as number             | /metadata/creationTimestamp                       | 1700000000          | metadata.creationTimestamp: expected a string, not the integer 1700000000
            free-form fieldsV1         | /metadata/managedFields                           | [{"fieldsV1": {"f:spec": {}}}] |
            unknown field kept         | /spec/notAField                                   | {"any": ["thing"]}  |
            unknown field of odd type  | /spec/containers/0/securityContext/Privileged     | "true"              |
            """)
    void typeCases(String name, String pointer, String value, String expected) throws Exception {
        JsonNode request = review(podWith(pointer, value)).get("request");
        assertEquals(expected == null ? null : "request.object." + expected, ObjectTypeCheck.mismatch(request), name);
    }

    @org.junit.jupiter.api.Test
    void oldObjectIsCheckedToo_andUnknownKindsOnlyNeedToBeObjects() throws Exception {
        ObjectNode r = review(POD);
        ((ObjectNode) r.get("request")).set("oldObject", JSON.readTree(podWith("/spec/hostIPC", "\"yes\"")));
        assertEquals("request.oldObject.spec.hostIPC: expected true or false, not a string", ObjectTypeCheck.mismatch(r.get("request")));

        ObjectNode crd = review("{\"apiVersion\": \"example.com/v1\", \"kind\": \"Widget\", \"spec\": {\"hostNetwork\": \"true\"}}");
        ((ObjectNode) crd.get("request")).set("kind", JSON.readTree("{\"group\": \"example.com\", \"version\": \"v1\", \"kind\": \"Widget\"}"));
        assertNull(ObjectTypeCheck.mismatch(crd.get("request")), "custom resources are not checked");
        ((ObjectNode) crd.get("request")).set("object", JSON.readTree("[1]"));
        assertEquals("request.object: expected an object, not a list", ObjectTypeCheck.mismatch(crd.get("request")));
    }

    @org.junit.jupiter.api.Test
    void withoutRequestKindTheObjectsOwnKindIsUsed() throws Exception {
        ObjectNode r = review(podWith("/spec/hostNetwork", "\"true\""));
        ((ObjectNode) r.get("request")).remove("kind");
        assertEquals("request.object.spec.hostNetwork: expected true or false, not a string", ObjectTypeCheck.mismatch(r.get("request")));
    }
}
