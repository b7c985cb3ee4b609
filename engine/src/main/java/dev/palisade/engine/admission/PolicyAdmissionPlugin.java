package dev.palisade.engine.admission;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.load.LoadResult;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.parse.ParseLimits;
import dev.palisade.engine.policy.PolicyStage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** {@code type: Policy}: DSL validate / mutate rules from files or folders, built once. */
public final class PolicyAdmissionPlugin implements AdmissionPlugin, AutoCloseable {
    private final String name;
    private final AdmissionProgram program;
    private final List<PolicyFile> source;
    private final List<dev.palisade.dsl.source.Diagnostic> notes;

    public PolicyAdmissionPlugin(String name, AdmissionProgram program) {
        this(name, program, null);
    }

    /** As {@link #PolicyAdmissionPlugin(String, AdmissionProgram)}, keeping the files it was compiled from (for explain). */
    public PolicyAdmissionPlugin(String name, AdmissionProgram program, List<PolicyFile> source) {
        this(name, program, source, List.of());
    }

    private PolicyAdmissionPlugin(String name, AdmissionProgram program, List<PolicyFile> source,
                                  List<dev.palisade.dsl.source.Diagnostic> notes) {
        this.name = Objects.requireNonNull(name, "name");
        this.program = Objects.requireNonNull(program, "program");
        this.source = source == null ? null : List.copyOf(source);
        this.notes = List.copyOf(notes);
    }

    /** The policy files this plugin was compiled from, when it was built with them. */
    public java.util.Optional<List<PolicyFile>> source() {
        return java.util.Optional.ofNullable(source);
    }

    /** @throws dev.palisade.dsl.source.PolicyException with every parse and check error, and every rule of another stage */
    public static PolicyAdmissionPlugin fromPaths(String name, List<Path> paths) {
        return fromPaths(name, paths, ParseLimits.DEFAULTS);
    }

    /** As {@link #fromPaths(String, List)}, parsing within the given limits. */
    public static PolicyAdmissionPlugin fromPaths(String name, List<Path> paths, ParseLimits limits) {
        return fromPaths(name, paths, limits, List.of());
    }

    /**
     * As {@link #fromPaths(String, List, ParseLimits)}, each instance of the policies' parameters
     * making its own copy of every rule ({@code rule@instance}), checked again with its values.
     *
     * @throws dev.palisade.dsl.params.Instantiation.InstanceException for a value that does not fit its parameter
     */
    public static PolicyAdmissionPlugin fromPaths(String name, List<Path> paths, ParseLimits limits,
                                                  List<dev.palisade.dsl.params.PolicyInstance> instances) {
        return fromPaths(name, paths, limits, instances, dev.palisade.dsl.schema.KubernetesSchema.builtIn());
    }

    /**
     * As {@link #fromPaths(String, List, ParseLimits, List)}, object paths checked against
     * {@code schema} (the built-in kinds and the custom resources of the plugin's CRD files).
     */
    public static PolicyAdmissionPlugin fromPaths(String name, List<Path> paths, ParseLimits limits,
                                                  List<dev.palisade.dsl.params.PolicyInstance> instances,
                                                  dev.palisade.dsl.schema.KubernetesSchema schema) {
        LoadResult loaded = PolicyLoader.load(paths, limits, schema).orThrow();
        PolicyStage.ADMISSION.requireOwnRules(loaded.files());
        List<PolicyFile> files = loaded.files();
        if (!instances.isEmpty()) {
            files = dev.palisade.dsl.params.Instantiation.instantiate(files, instances);
            List<dev.palisade.dsl.source.Diagnostic> errors = dev.palisade.dsl.check.PolicyChecker.check(files, schema).stream()
                    .filter(dev.palisade.dsl.source.Diagnostic::isError).toList();
            if (!errors.isEmpty()) {
                throw new dev.palisade.dsl.source.PolicyException(errors);
            }
        }
        return new PolicyAdmissionPlugin(name, AdmissionCompiler.compile(files).build(), files, loaded.diagnostics().stream()
                .filter(d -> d.severity() == dev.palisade.dsl.source.Diagnostic.Severity.NOTE).toList());
    }

    /** What the checker noted while loading (e.g. paths of a custom resource without a schema); for {@code check -c}. */
    public List<dev.palisade.dsl.source.Diagnostic> notes() {
        return notes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " (Policy)";
    }

    @Override
    public AdmissionPluginResult evaluate(AdmissionRequest request) {
        return evaluate(request, AdmissionPhase.ALL);
    }

    @Override
    public List<AdmissionTarget> targets() {
        return program.targets();
    }

    @Override
    public AdmissionPluginResult evaluate(AdmissionRequest request, AdmissionPhase phase) {
        return AdmissionPrograms.evaluate(program, request, phase);
    }

    /** Releases the program's sessions (one in use is released when its request ends). */
    @Override
    public void close() {
        program.close();
    }
}
