package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /validate} and {@code /mutate} each run one phase; together they decide as {@code admit} does. */
class AdmissionPhaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static PolicyEngine engine;

    @BeforeAll
    static void build() throws Exception {
        Files.writeString(dir.resolve("a.pal"), """
                mutate "default-non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot is absent
                  set object.spec.securityContext.runAsNonRoot = true
                validate "non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot != true
                  because "pods must run as non-root"
                """);
        engine = PolicyEngine.builder().add(dev.palisade.engine.authz.StaticAuthorizer.alwaysDeny())
                .admissionPolicies("rules", List.of(dir.resolve("a.pal"))).build();
    }

    private static AdmissionRequest create(String pod) throws Exception {
        JsonNode object = JSON.readTree(pod);
        return new AdmissionRequest("u1", "CREATE", "Pod", "pods", "", "default", "p", null, false, PlainJson.object(object), null, null);
    }

    @Test
    void all_mutatesThenValidatesTheMutatedObject() throws Exception {
        AdmissionDecision d = engine.admit(create("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}"));
        assertTrue(d.allowed(), d.message());
        assertEquals(1, d.patch().size());
    }

    @Test
    void validate_seesTheObjectAsGiven_andNeverPatches() throws Exception {
        AdmissionDecision d = engine.admit(create("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}"),
                AdmissionPhase.VALIDATE);
        assertFalse(d.allowed());
        assertEquals("pods must run as non-root", d.message());
        assertEquals(List.of(), d.patch());
        assertTrue(d.reasons().stream().noneMatch(r -> r.message().equals("mutated")), d.reasons().toString());
    }

    @Test
    void mutate_patchesAndNeverValidates() throws Exception {
        AdmissionDecision d = engine.admit(create("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}"),
                AdmissionPhase.MUTATE);
        assertTrue(d.allowed());
        assertEquals(1, d.patch().size());
        assertEquals(List.of(), d.denials());
    }

    @Test
    void validate_ofTheMutatedObjectAllowsIt() throws Exception {
        AdmissionDecision d = engine.admit(create(
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"securityContext\":{\"runAsNonRoot\":true},\"containers\":[]}}"),
                AdmissionPhase.VALIDATE);
        assertTrue(d.allowed(), d.message());
    }

    @Test
    void validatingOnlyPlugin_mutatePhaseAllowsWhatValidateDenies() throws Exception {
        AdmissionChain pss = new AdmissionChain(List.of(PodSecurityAdmissionPlugin.of("pss", PodSecurityLevel.parse("restricted"),
                PodSecurityVersion.parse("latest"))));
        AdmissionRequest privileged = create("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                + "\"image\":\"x\",\"securityContext\":{\"privileged\":true}}]}}");
        assertFalse(pss.admit(privileged, AdmissionPhase.VALIDATE).allowed());
        assertEquals(pss.admit(privileged).message(), pss.admit(privileged, AdmissionPhase.VALIDATE).message());
        assertTrue(pss.admit(privileged, AdmissionPhase.MUTATE).allowed());
    }

    /**
     * Found with {@code palisade explain} on the serve example: Pod Security configured before the
     * DSL plugin that defaults runAsNonRoot judged the pod before the default was set, and denied
     * it. The apiserver runs every mutation before any validation; so does the chain now.
     */
    @Test
    void validatingPluginFirst_seesTheMutationsOfLaterPlugins() throws Exception {
        Files.writeString(dir.resolve("defaults.pal"), """
                mutate "default-non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot is absent
                  set object.spec.securityContext.runAsNonRoot = true
                """);
        AdmissionChain chain = new AdmissionChain(List.of(
                PodSecurityAdmissionPlugin.of("pss", PodSecurityLevel.parse("restricted"), PodSecurityVersion.parse("latest")),
                PolicyAdmissionPlugin.fromPaths("defaults", List.of(dir.resolve("defaults.pal")))));
        AdmissionRequest pod = create("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"securityContext\":{\"seccompProfile\":"
                + "{\"type\":\"RuntimeDefault\"}},\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"securityContext\":"
                + "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}}}]}}");
        AdmissionDecision d = chain.admit(pod);
        assertTrue(d.allowed(), d.message());
        assertEquals(1, d.patch().size());
        assertFalse(chain.admit(pod, AdmissionPhase.VALIDATE).allowed(), "without the mutation, restricted denies it");
    }
}
