package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.dsl.source.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a policy set before anything is compiled. Like OPA's compiler it is an ordered table of
 * named passes, each small enough to read on its own. Attribute resolution comes before types so
 * the type pass can skip operands already reported, instead of piling a second error on them.
 */
public final class PolicyChecker {
    private static final List<CheckPass> PASSES = List.of(
            new RuleNamePass(),
            new DuplicateIdPass(),
            new AttributePass(),
            new TypePass(),
            new ComputedOperandPass(),
            new GlobPass(),
            new KnownVerbPass(),
            new AdmissionPass(),
            new ParamPass(),
            new SchemaPass(),
            new BraceInStringPass(),
            new AuthnPass());

    private PolicyChecker() {}

    /** Every error, warning and note in every file, sorted by file path and then position. */
    public static List<Diagnostic> check(List<PolicyFile> files) {
        return check(files, PASSES);
    }

    /**
     * As {@link #check(List)}, with object paths checked against {@code schema}: the built-in
     * table with custom resources added from their CRDs ({@link KubernetesSchema#withCustomResources}).
     */
    public static List<Diagnostic> check(List<PolicyFile> files, KubernetesSchema schema) {
        List<CheckPass> passes = PASSES.stream().map(p -> p instanceof SchemaPass ? new SchemaPass(schema) : p).toList();
        return check(files, passes);
    }

    private static List<Diagnostic> check(List<PolicyFile> files, List<CheckPass> passes) {
        List<Diagnostic> out = new ArrayList<>();
        for (CheckPass pass : passes) {
            pass.run(files, out);
        }
        out.sort(DiagnosticOrder.BY_FILE_AND_POSITION);
        return List.copyOf(out);
    }

    /** The names of the passes, in the order they run. */
    public static List<String> passNames() {
        return PASSES.stream().map(CheckPass::name).toList();
    }
}
