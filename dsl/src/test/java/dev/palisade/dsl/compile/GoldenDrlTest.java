package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.runtime.ModelDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled rules of a few policies, rendered as DRL, compared with files under
 * {@code src/test/resources/golden/compile}. The KieBase is built from the same rule shapes as an
 * executable model (no DRL is parsed at run time); {@link ModelDrlEquivalenceTest} shows that it
 * answers exactly as this DRL does. Rewrite them with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenDrlTest {
    private static final Path DIR = Path.of("src/test/resources/golden/compile");

    @ParameterizedTest
    @ValueSource(strings = {"basic", "predicates"})
    void drlMatchesGolden(String name) throws IOException {
        String source = Files.readString(DIR.resolve(name + ".pal"), StandardCharsets.UTF_8);
        String drl = DrlWriter.drl(Policies.compile(source).plan());
        Path golden = DIR.resolve(name + ".drl");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, drl, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), drl);
    }

    /**
     * What was built: the KieBase's rules, patterns and constraint ids read back
     * ({@link ModelDump}), with the constraints Drools indexes (hashes) marked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"basic", "predicates", "authn"})
    void builtModelMatchesGolden(String name) throws IOException {
        String source = Files.readString(DIR.resolve(name + ".pal"), StandardCharsets.UTF_8);
        CompiledPolicySet set = name.equals("authn")
                ? AuthnCompiler.compile(Policies.parse(source)).policySet() : Policies.compile(source);
        String dump = ModelDump.of(set.build());
        Path golden = DIR.resolve(name + ".model");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, dump, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), dump);
    }

    /** Authn rules go through the same compiler: the same shape of DRL, over authn.* fields too. */
    @Test
    void authnDrlMatchesGolden() throws IOException {
        String source = Files.readString(DIR.resolve("authn.pal"), StandardCharsets.UTF_8);
        String drl = DrlWriter.drl(AuthnCompiler.compile(Policies.parse(source)).policySet().plan());
        Path golden = DIR.resolve("authn.drl");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, drl, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), drl);
    }
}
