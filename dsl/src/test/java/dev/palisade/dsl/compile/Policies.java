package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.runtime.PolicyProgram;
import java.util.ArrayList;
import java.util.List;

/** Test helper: policy text to AST, compiled set, or built program. */
public final class Policies {
    private Policies() {}

    /** Each text is one file, named {@code p0.pal}, {@code p1.pal}, ... */
    public static List<PolicyFile> parse(String... texts) {
        List<PolicyFile> files = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            files.add(PolicyParser.parse("p" + i + ".pal", texts[i]).orThrow());
        }
        return files;
    }

    public static CompiledPolicySet compile(String... texts) {
        return PolicyCompiler.compile(parse(texts));
    }

    public static PolicyProgram build(String... texts) {
        return compile(texts).build();
    }
}
