package dev.palisade.engine.admission.pss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionChain;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodSecurityAdmissionPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AdmissionDecision admit(String level, String version, String resource, String json) throws Exception {
        AdmissionChain chain = new AdmissionChain(List.of(PodSecurityAdmissionPlugin.of("pss",
                PodSecurityLevel.parse(level), PodSecurityVersion.parse(version))));
        JsonNode object = JSON.readTree(json);
        return chain.admit(new AdmissionRequest("u", "CREATE", "", resource, "", "default", "p", null, false,
                PlainJson.object(object), null, null));
    }

    @Test
    void restrictedDenialReadsAsUpstreamWithOneReasonPerCheck() throws Exception {
        AdmissionDecision d = admit("restricted", "latest", "pods", """
                {"spec": {"containers": [{"name": "a"}, {"name": "b", "securityContext": {"allowPrivilegeEscalation": false,
                 "capabilities": {"drop": ["ALL"]}}}], "securityContext": {"runAsNonRoot": true,
                 "seccompProfile": {"type": "RuntimeDefault"}}, "hostNetwork": true, "hostPID": true}}""");
        assertFalse(d.allowed());
        assertEquals("violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"a\" must"
                + " set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"a\" must"
                + " set securityContext.capabilities.drop=[\"ALL\"]), host namespaces (hostNetwork=true, hostPID=true)",
                d.message());
        assertEquals(List.of("allowPrivilegeEscalation", "capabilities_restricted", "hostNamespaces"),
                d.denials().stream().map(AdmissionReason::ruleId).toList());
    }

    @Test
    void severalContainersAreNamedTogether() throws Exception {
        AdmissionDecision d = admit("baseline", "latest", "pods", """
                {"spec": {"initContainers": [{"name": "i", "securityContext": {"privileged": true}}],
                 "containers": [{"name": "c", "securityContext": {"privileged": true}}]}}""");
        assertEquals("violates PodSecurity \"baseline:latest\": privileged (containers \"i\", \"c\" must not set"
                + " securityContext.privileged=true)", d.message());
    }

    @Test
    void workloadsAreWarnedNotDenied() throws Exception {
        AdmissionDecision d = admit("baseline", "v1.25", "deployments", """
                {"spec": {"template": {"spec": {"hostIPC": true, "containers": [{"name": "c"}]}}}}""");
        assertTrue(d.allowed());
        assertEquals(List.of("would violate PodSecurity \"baseline:v1.25\": host namespaces (hostIPC=true)"), d.warnings());
    }

    @Test
    void privilegedAllowsEverything() throws Exception {
        assertTrue(admit("privileged", "latest", "pods", """
                {"spec": {"hostPID": true, "containers": [{"name": "c", "securityContext": {"privileged": true}}]}}""")
                .allowed());
    }

    @Test
    void versionPinningSelectsTheChecksOfThatVersion() {
        PodSecurityCatalog catalog = PodSecurityCatalog.fromClasspath();
        List<String> v118 = catalog.select(PodSecurityLevel.RESTRICTED, PodSecurityVersion.parse("v1.18")).stream()
                .map(c -> c.id() + "@" + c.since()).toList();
        assertTrue(v118.contains("seccompProfile_baseline@0"), v118::toString);
        assertFalse(v118.stream().anyMatch(s -> s.startsWith("seccompProfile_restricted")), v118::toString);
        assertFalse(v118.stream().anyMatch(s -> s.startsWith("hostPathVolumes")), "restrictedVolumes overrides it");
        List<String> latest = catalog.select(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST).stream()
                .map(c -> c.id() + "@" + c.since()).toList();
        assertTrue(latest.contains("sysctls@37") && latest.contains("procMount_restricted@35"), latest::toString);
        assertFalse(latest.stream().anyMatch(s -> s.startsWith("procMount@")), latest::toString);
        assertEquals(catalog.latestMinor(), catalog.effectiveMinor(PodSecurityVersion.parse("v1.99")));
    }

    @Test
    void theShippedManifestNamesEveryPolicyFile() throws Exception {
        Path dir = Path.of("..", "rules", "policies", "admission", "pss");
        PodSecurityCatalog folder = PodSecurityCatalog.fromDirectory(dir);
        List<String> listed = folder.checks().stream().map(PodSecurityCheck::file).sorted().toList();
        List<String> present;
        try (var s = Files.walk(dir)) {
            present = s.filter(p -> p.toString().endsWith(".pal")).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
        assertEquals(present, listed);
        assertEquals(folder.checks(), PodSecurityCatalog.fromClasspath().checks(), "classpath copy is current");
    }

    @Test
    void badLevelsAndVersionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PodSecurityLevel.parse("strict"));
        assertThrows(IllegalArgumentException.class, () -> PodSecurityVersion.parse("1.25"));
        assertThrows(IllegalArgumentException.class, () -> PodSecurityVersion.parse("v2.0"));
        assertEquals("v1.25", PodSecurityVersion.parse("v1.25").label());
    }

    @Test
    void configurationTypePodSecurity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("authz.pal"), "allow \"all\"\n");
        Path config = dir.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: Policy
                      paths: [authz.pal]
                admission:
                  plugins:
                    - type: PodSecurity
                      level: restricted
                      version: v1.30
                """);
        PolicyEngine engine = PolicyEngine.fromConfig(config);
        AdmissionDecision d = engine.admit(new AdmissionRequest("u", "CREATE", "Pod", "pods", "", "default", "p", null,
                false, PlainJson.object(JSON.readTree("{\"spec\": {\"containers\": [{\"name\": \"c\"}]}}")), null, null));
        assertTrue(d.message().startsWith("violates PodSecurity \"restricted:v1.30\": "), d.message());

        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: Policy
                      paths: [authz.pal]
                admission:
                  plugins:
                    - type: PodSecurity
                      level: strict
                      version: "1.30"
                      paths: [x/]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(config));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("unknown Pod Security level \"strict\""), all);
        assertTrue(all.contains("must be \"latest\" or \"v1.NN\""), all);
        assertTrue(all.contains("takes no \"paths\""), all);
    }
}
