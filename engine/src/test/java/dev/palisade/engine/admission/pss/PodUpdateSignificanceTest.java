package dev.palisade.engine.admission.pss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.admission.AdmissionChain;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream Pod Security admission judges a pod UPDATE only when it changes what can change. */
class PodUpdateSignificanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String OLD = """
            {"metadata": {"labels": {"a": "1"}, "annotations": {"x": "1"}},
             "spec": {"hostNetwork": true,
                      "containers": [{"name": "c", "image": "nginx:1"}],
                      "initContainers": [{"name": "i", "image": "busybox:1"}]}}""";

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("labels only", OLD.replace("\"a\": \"1\"", "\"a\": \"2\""), false),
                Arguments.of("plain annotation only", OLD.replace("\"x\": \"1\"", "\"x\": \"2\""), false),
                Arguments.of("container image", OLD.replace("nginx:1", "nginx:2"), true),
                Arguments.of("init container image", OLD.replace("busybox:1", "busybox:2"), true),
                Arguments.of("pod seccomp annotation", OLD.replace("\"x\": \"1\"",
                        "\"x\": \"1\", \"seccomp.security.alpha.kubernetes.io/pod\": \"unconfined\""), true),
                Arguments.of("container seccomp annotation", OLD.replace("\"x\": \"1\"",
                        "\"x\": \"1\", \"container.seccomp.security.alpha.kubernetes.io/c\": \"unconfined\""), true),
                Arguments.of("seccomp annotation of another name", OLD.replace("\"x\": \"1\"",
                        "\"x\": \"1\", \"container.seccomp.security.alpha.kubernetes.io/zz\": \"unconfined\""), false),
                Arguments.of("container added", OLD.replace("[{\"name\": \"c\", \"image\": \"nginx:1\"}]",
                        "[{\"name\": \"c\", \"image\": \"nginx:1\"}, {\"name\": \"d\", \"image\": \"x\"}]"), true),
                Arguments.of("ephemeral container added", OLD.replace("\"hostNetwork\": true,",
                        "\"hostNetwork\": true, \"ephemeralContainers\": [{\"name\": \"debug\", \"image\": \"x\"}],"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void significance(String name, String updated, boolean significant) throws Exception {
        assertEquals(significant, PodUpdateSignificance.isSignificant(plain(updated), plain(OLD)));
    }

    @Test
    void relabellingAPodAdmittedUnderAnOlderPolicyIsAllowed() throws Exception {
        AdmissionDecision relabel = update(OLD.replace("\"a\": \"1\"", "\"a\": \"2\""));
        assertTrue(relabel.allowed(), relabel.message());
        AdmissionDecision newImage = update(OLD.replace("nginx:1", "nginx:2"));
        assertFalse(newImage.allowed());
        assertTrue(newImage.message().contains("host namespaces (hostNetwork=true)"), newImage.message());
    }

    private static AdmissionDecision update(String updated) throws Exception {
        AdmissionChain chain = new AdmissionChain(List.of(PodSecurityAdmissionPlugin.of("pss",
                PodSecurityLevel.parse("baseline"), PodSecurityVersion.parse("latest"))));
        return chain.admit(new AdmissionRequest("u", "UPDATE", "Pod", "pods", "", "default", "p", null, false,
                PlainJson.object(JSON.readTree(updated)), PlainJson.object(JSON.readTree(OLD)), null));
    }

    private static Object plain(String json) throws Exception {
        return JSON.convertValue(JSON.readTree(json), Map.class);
    }
}
