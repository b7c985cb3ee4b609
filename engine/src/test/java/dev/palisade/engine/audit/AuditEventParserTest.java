package dev.palisade.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuditEventParserTest {
    private final AuditEventParser parser = new AuditEventParser();

    private List<AuditEvent> parse(String json) throws MalformedEventException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private String malformed(String json) {
        return assertThrows(MalformedEventException.class, () -> parse(json)).getMessage();
    }

    @Test
    void d5_nestingOverTheLimitIsMalformedNotANullPointerException() {
        String deep = "{\"kind\":\"Event\",\"x\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}";
        assertEquals("nested deeper than 1000 levels (limits.maxNestingDepth)", malformed(deep));
    }

    @Test
    void d5_aStringOverTheLimitIsMalformedNotANullPointerException() {
        String huge = "{\"kind\":\"Event\",\"verb\":\"" + "v".repeat(20_000_001) + "\"}";
        assertEquals("a string longer than 20000000 characters (limits.maxStringLength)", malformed(huge));
    }

    @Test
    void readsTheFieldsReplayNeedsAndSkipsBodies() throws Exception {
        AuditEvent e = parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"a1","stage":"ResponseComplete",
                 "requestURI":"/api/v1/namespaces/ns/pods","verb":"create",
                 "user":{"username":"bob","uid":"u-1","groups":["devs","system:authenticated"],"extra":{"scopes":["a","b"]}},
                 "impersonatedUser":{"username":"sam","groups":["x"]},
                 "objectRef":{"resource":"pods","namespace":"ns","name":"p","apiVersion":"v1","subresource":"status"},
                 "requestObject":{"spec":{"containers":[{"name":"c","ports":[1,2,{"x":[]}]}]}},
                 "responseObject":{"kind":"Status"},
                 "responseStatus":{"metadata":{},"code":201,"details":{"causes":[{"a":1}]}},
                 "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: ok","other":"x"}}
                """).get(0);
        assertEquals("a1", e.auditID());
        assertEquals("ResponseComplete", e.stage());
        assertEquals("create", e.verb());
        assertEquals("bob", e.user().name());
        assertEquals("u-1", e.user().uid());
        assertEquals(List.of("devs", "system:authenticated"), e.user().groups());
        assertEquals(Map.of("scopes", List.of("a", "b")), e.user().extra());
        assertEquals("sam", e.impersonatedUser().name());
        assertEquals("sam", e.effectiveUser().name());
        assertEquals(new ObjectRef("pods", "ns", "p", "", "v1", "status"), e.objectRef());
        assertEquals(201, e.responseCode());
        assertEquals("allow", e.decisionAnnotation());
        assertEquals("RBAC: ok", e.reasonAnnotation());
        assertTrue(e.hasRequestObject());
        assertEquals(RecordedDecision.ALLOW, e.recorded());
    }

    @Test
    void v1beta1AndItemsWithoutApiVersionAreEvents() throws Exception {
        assertEquals(1, parse("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1beta1\",\"auditID\":\"x\",\"verb\":\"get\",\"user\":{\"username\":\"a\"}}").size());
        AuditEvent e = parse("{\"auditID\":\"x\",\"kind\":\"Event\",\"verb\":\"get\",\"user\":{\"username\":\"a\"}}").get(0);
        assertNull(e.objectRef());
        assertNull(e.impersonatedUser());
        assertFalse(e.hasRequestObject());
        assertEquals(RecordedDecision.UNKNOWN, e.recorded());
    }

    @Test
    void anEventListYieldsItsItemsInOrder() throws Exception {
        List<AuditEvent> events = parse("""
                {"items":[{"auditID":"1","verb":"get","user":{"username":"a"}},{"auditID":"2","verb":"list","user":{"username":"b"}}],
                 "kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{}}""");
        assertEquals(List.of("1", "2"), events.stream().map(AuditEvent::auditID).toList());
        assertEquals(List.of(), parse("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":null}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\": 0}|kind: expected a string, found a number",
        "[1,2]|expected a JSON object (an audit Event or EventList), found an array",
        "{\"kind\":\"Pod\",\"verb\":\"get\"}|not an audit Event: kind \"Pod\"",
        "{}|not an audit Event: no kind and no auditID",
        "{\"kind\":\"Event\",\"user\":{}}|audit Event without a verb",
        "{\"kind\":\"Event\",\"verb\":\"get\"}|audit Event without a user",
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v2\",\"verb\":\"get\",\"user\":{}}|unsupported apiVersion \"audit.k8s.io/v2\" (audit.k8s.io/v1 and v1beta1 are read)",
        "{\"kind\":\"Event\",\"verb\":\"get\",\"user\":{\"groups\":\"a\"}}|user.groups: expected an array of strings, found a string",
        "{\"kind\":\"Event\",\"verb\":\"get\",\"user\":{\"groups\":[null]}}|user.groups[0]: expected a string, found null",
        "{\"kind\":\"Event\",\"verb\":\"get\",\"user\":{},\"responseStatus\":{\"code\":\"403\"}}|responseStatus.code: expected an integer, found a string",
        "{\"kind\":\"EventList\",\"items\":[{\"kind\":\"Event\",\"verb\":\"get\"}]}|items[0]: audit Event without a user",
        "{\"kind\":\"Event\",\"verb\":\"get\",\"user\":{}} {}|unexpected an object after the JSON object",
    })
    void malformedInputSaysWhy(String json, String message) {
        assertEquals(message, malformed(json));
    }

    @Test
    void brokenJsonNamesTheColumn() {
        String m = malformed("{\"kind\":\"Event\",\"verb\":\"ge");
        assertTrue(m.startsWith("malformed JSON: "), m);
        assertTrue(m.contains("(column "), m);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "allow|500|ALLOW", "forbid|200|DENY", "|403|DENY", "|200|ALLOW", "|404|ALLOW", "|101|ALLOW",
        "|401|UNAUTHENTICATED", "|429|UNKNOWN", "|-1|UNKNOWN",
    })
    void recordedDecisionPrefersTheAnnotationThenTheCode(String annotation, int code, RecordedDecision expected) {
        AuditEvent e = new AuditEvent("id", "ResponseComplete", "Metadata", "get", "/api", null, null, null, code,
                annotation, "", false);
        assertEquals(expected, e.recorded());
    }
}
