package dev.palisade.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.PalisadeException;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builders of the API's request types say by name what the records' constructors say by position. */
class ApiBuildersTest {
    private static final UserInfo ALICE = UserInfo.builder().name("alice").uid("42").group("dev").group("ops")
            .extra("scopes", "read", "write").build();

    @Test
    void userInfo_builder_keepsOrderOfGroupsAndExtra() {
        assertEquals(new UserInfo("alice", "42", List.of("dev", "ops"), Map.of("scopes", List.of("read", "write"))), ALICE);
    }

    @Test
    void requestAttributes_builder_resourceRequest_equalsPositionalConstructor() {
        RequestAttributes built = RequestAttributes.builder().user(ALICE).verb("get").namespace("prod")
                .apiGroup("apps").apiVersion("v1").resource("deployments").subresource("scale").name("web").build();
        assertEquals(new RequestAttributes(ALICE, "get", "prod", "apps", "v1", "deployments", "scale", "web", true, ""), built);
    }

    @Test
    void requestAttributes_builder_path_makesNonResourceRequest() {
        RequestAttributes built = RequestAttributes.builder().user(ALICE).verb("get").path("/healthz").build();
        assertFalse(built.resourceRequest());
        assertEquals(RequestAttributes.nonResource(ALICE, "get", "/healthz"), built);
    }

    @Test
    void requestAttributes_builder_refusesResourceAndPathTogether_andMissingVerb() {
        assertThrows(IllegalStateException.class,
                () -> RequestAttributes.builder().verb("get").resource("pods").path("/healthz").build());
        assertThrows(IllegalStateException.class, () -> RequestAttributes.builder().resource("pods").build());
    }

    @Test
    void admissionRequest_builder_parsesObjects() {
        AdmissionRequest r = AdmissionRequest.builder().operation("CREATE").kind("Pod").resource("pods")
                .namespace("prod").name("web").user(ALICE)
                .objectJson("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}").build();
        assertEquals(Map.of("spec", Map.of("containers", List.of(Map.of("name", "c", "image", "nginx")))), r.object());
        assertThrows(UnsupportedOperationException.class, () -> r.object().put("x", 1), "read-only once parsed");
        assertNull(r.oldObject());
        assertEquals(ALICE, r.user());
    }

    @Test
    void admissionRequest_builder_refusesNonObjectsAndMissingFields() {
        assertThrows(InvalidAdmissionReviewException.class, () -> AdmissionRequest.builder().objectJson("[1]"));
        assertThrows(InvalidAdmissionReviewException.class, () -> AdmissionRequest.builder().objectJson("{"));
        assertThrows(IllegalStateException.class, () -> AdmissionRequest.builder().resource("pods").build());
        assertThrows(IllegalStateException.class, () -> AdmissionRequest.builder().operation("CREATE").build());
    }

    private static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1",
             "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
             "namespace":"prod","name":"web","operation":"CREATE","userInfo":{"username":"alice","groups":["dev"]},
             "object":{"metadata":{"name":"web"}}}}""";

    @Test
    void admissionRequest_fromReview_stringAndStreamAgree() {
        AdmissionRequest fromString = AdmissionRequest.fromReview(REVIEW);
        AdmissionRequest fromStream = AdmissionRequest.fromReview(new ByteArrayInputStream(REVIEW.getBytes(StandardCharsets.UTF_8)));
        assertEquals(fromString, fromStream);
        assertEquals("u-1", fromString.uid());
        assertEquals("pods", fromString.resource());
        assertEquals("alice", fromString.user().name());
    }

    @Test
    void admissionRequest_fromReview_badInput_isOnePalisadeException() {
        for (String bad : List.of("", "not json", "[]", "{\"kind\":\"Status\"}", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")) {
            PalisadeException e = assertThrows(PalisadeException.class, () -> AdmissionRequest.fromReview(bad), bad);
            assertTrue(e instanceof InvalidAdmissionReviewException, bad + ": " + e);
            assertFalse(e.problems().isEmpty(), bad);
        }
    }
}
