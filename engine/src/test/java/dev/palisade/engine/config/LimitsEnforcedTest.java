package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DSL and RBAC limits set in palisade.yaml are the ones the loaders apply. */
class LimitsEnforcedTest {
    @TempDir
    Path dir;

    private Path config(String limits, String authorizers) throws IOException {
        Path config = dir.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                limits: %s
                authorization:
                  authorizers:
                %s""".formatted(limits, authorizers));
        return config;
    }

    @Test
    void maxRuleTerms_fromTheConfiguration_boundsAPolicyRule() throws IOException {
        Files.writeString(dir.resolve("p.pal"), "package p\nallow \"a\" when verb == \"get\" and resource == \"pods\" and namespace == \"x\"\n");
        String policy = "    - {type: Policy, name: p, paths: [p.pal]}\n";
        PolicyEngine.fromConfig(config("{maxRuleTerms: 3}", policy)).close();
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(config("{maxRuleTerms: 2}", policy)));
        assertTrue(e.getMessage().contains("p.pal:2:") && e.getMessage().contains("more than 2 terms"), e.getMessage());
    }

    @Test
    void maxListLiteralLength_fromTheConfiguration_boundsAList() throws IOException {
        Files.writeString(dir.resolve("p.pal"), "package p\nallow \"a\" when verb in [\"get\", \"list\", \"watch\"]\n");
        String policy = "    - {type: Policy, name: p, paths: [p.pal]}\n";
        PolicyEngine.fromConfig(config("{maxListLiteralLength: 3}", policy)).close();
        ConfigException e = assertThrows(ConfigException.class,
                () -> PolicyEngine.fromConfig(config("{maxListLiteralLength: 2}", policy)));
        assertTrue(e.getMessage().contains("p.pal:2:") && e.getMessage().contains("more than 2 elements"), e.getMessage());
    }

    @Test
    void maxErrorsPerFile_fromTheConfiguration_capsRbacProblems() throws IOException {
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            bad.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r").append(i)
               .append("}\nrules: [{verbs: 7}]\n");
        }
        Files.writeString(dir.resolve("rbac.yaml"), bad.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(
                config("{maxErrorsPerFile: 2}", "    - {type: RBAC, paths: [rbac.yaml]}\n")));
        assertTrue(e.getMessage().contains("8 more problems"), e.getMessage());
    }
}
