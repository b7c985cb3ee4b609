package dev.palisade.cli;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.CompiledAdmissionSet;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.compile.CompiledAuthnSet;
import dev.palisade.dsl.compile.CompiledPolicySet;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.load.LoadResult;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.engine.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade check PATH...}: parse, check and compile policies; every error with its place, control characters escaped. */
@Command(name = "check", description = {"Parse, check and compile policy files (.pal) or folders ('-': one policy from stdin),",
        "or with -c a whole configuration and everything it references, without running anything."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Policy files or folders; '-' reads one policy from stdin.")
    List<Path> paths = List.of();

    @picocli.CommandLine.Option(names = {"-c", "--config"}, paramLabel = "CONFIG",
            description = "Validate a palisade.yaml and every policy, RBAC, ABAC, token, certificate and kubeconfig file it names.")
    Path config;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: the diagnostics as one JSON array on stdout, for editors.")
    String output;

    @picocli.CommandLine.Option(names = "--strict", description = "Treat warnings (e.g. an unknown verb) as errors: exit 1.")
    boolean strict;

    @picocli.CommandLine.Option(names = "--schema", paramLabel = "CRD",
            description = "A CustomResourceDefinition file: object paths of rules on its resources are checked against its openAPIV3Schema (repeatable).")
    List<Path> schemas = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.equals("text") && !output.equals("json")) {
            err.println("--output: expected text or json, got " + Printable.escape(output));
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        if (config != null) {
            if (!paths.isEmpty()) {
                err.println("check takes either -c CONFIG or policy paths, not both");
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            return checkConfig(out, err);
        }
        if (paths.isEmpty()) {
            err.println("check needs policy paths, '-' for stdin, or -c CONFIG");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        boolean stdin = paths.equals(List.of(Path.of("-")));
        for (Path p : stdin ? List.<Path>of() : paths) {
            if (!Files.exists(p)) {
                err.println(p + ": no such file or folder");
                return PalisadeCommand.INPUT_ERROR;
            }
        }
        dev.palisade.dsl.schema.KubernetesSchema schema = dev.palisade.dsl.schema.KubernetesSchema.builtIn();
        if (!schemas.isEmpty()) {
            var crds = dev.palisade.engine.admission.CustomResourceSchemas.read(schemas);
            if (!crds.problems().isEmpty()) {
                crds.problems().forEach(p -> err.println(Printable.escapeLines(p)));
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            schema = crds.schema();
        }
        List<LoadResult> sets = new ArrayList<>();
        int catalogFiles = 0;
        if (stdin) {
            sets.add(PolicyLoader.loadText("<stdin>", new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } else {
            PolicySets split = PolicySets.of(paths);
            sets.add(PolicyLoader.load(split.together(), dev.palisade.dsl.parse.ParseLimits.DEFAULTS, schema));
            for (Path versioned : split.alone()) {
                sets.add(PolicyLoader.load(List.of(versioned), dev.palisade.dsl.parse.ParseLimits.DEFAULTS, schema));
            }
            catalogFiles = split.alone().size();
        }
        List<Diagnostic> all = new ArrayList<>();
        List<dev.palisade.dsl.ast.PolicyFile> files = new ArrayList<>();
        for (LoadResult set : sets) {
            all.addAll(set.diagnostics());
            files.addAll(set.files());
        }
        LoadResult loaded = new LoadResult(files, all);
        if (output.equals("json")) {
            out.println(DiagnosticsJson.render(loaded.diagnostics()));
            out.flush();
            boolean failed = loaded.diagnostics().stream().anyMatch(d -> d.isError() || strict && d.isWarning());
            return failed ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
        }
        long errors = loaded.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = loaded.diagnostics().stream().filter(Diagnostic::isWarning).count();
        for (Diagnostic d : loaded.diagnostics()) {
            err.print(Printable.escapeLines(d.render()));
        }
        if (errors > 0 || (strict && warnings > 0)) {
            err.println(TestCommand.plural(errors, "error") + (warnings > 0 ? " and " + TestCommand.plural(warnings, "warning") : "")
                    + " found" + (strict && errors == 0 ? " (--strict: warnings are errors)" : ""));
            err.flush();
            return PalisadeCommand.FINDINGS;
        }
        if (warnings > 0) {
            err.println(TestCommand.plural(warnings, "warning") + " (--strict makes them errors)");
        }
        long started = System.nanoTime();
        List<String> parts = new ArrayList<>();
        long[] counts = new long[7]; // allow, deny, reject, validate, mutate
        try {
            // every stage a file may hold is compiled and built, as the engine would; each policy set on its own
            for (LoadResult set : sets) {
                CompiledPolicySet authorization = PolicyCompiler.compile(set.files());
                List<RuleInfo> authz = authorization.rules();
                if (!authz.isEmpty()) {
                    authorization.build();
                    long denies = authz.stream().filter(r -> r.effect() == Effect.DENY).count();
                    counts[0] += authz.size() - denies;
                    counts[1] += denies;
                }
                CompiledAuthnSet authn = AuthnCompiler.compile(set.files());
                if (!authn.rules().isEmpty()) {
                    authn.build();
                    counts[2] += authn.rules().size();
                }
                CompiledAdmissionSet admission = AdmissionCompiler.compile(set.files());
                if (!admission.rules().isEmpty()) {
                    admission.build();
                    long mutating = admission.rules().stream().filter(r -> r.kind() == AdmissionRule.Kind.MUTATE).count();
                    counts[3] += admission.rules().size() - mutating;
                    counts[4] += mutating;
                }
            }
            if (counts[0] + counts[1] > 0) {
                parts.add(rules(counts[0] + counts[1], "authorization") + " (" + counts[0] + " allow, " + counts[1] + " deny)");
            }
            if (counts[2] > 0) {
                parts.add(rules(counts[2], "authentication") + " (reject)");
            }
            if (counts[3] + counts[4] > 0) {
                parts.add(rules(counts[3] + counts[4], "admission") + " (" + counts[3] + " validate, " + counts[4] + " mutate)");
            }
        } catch (RuntimeException e) {
            err.println(Printable.escape("compile failed: " + e.getMessage()));
            err.flush();
            return PalisadeCommand.FINDINGS;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.printf("ok: %s in %s%s, compiled to Drools in %d ms%n",
                parts.isEmpty() ? "no rules" : String.join(", ", parts), TestCommand.plural(loaded.files().size(), "file"),
                catalogFiles == 0 ? "" : " (" + TestCommand.plural(catalogFiles, "versioned catalog file") + " each checked on its own)",
                millis);
        out.flush();
        return PalisadeCommand.OK;
    }

    /**
     * Builds the engine a configuration describes (every file it names is read, parsed and
     * compiled; nothing is evaluated) and reports every problem found, each with its place.
     */
    private int checkConfig(PrintWriter out, PrintWriter err) {
        if (!Files.isRegularFile(config)) {
            err.println(config + ": no such file");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        try (dev.palisade.engine.PolicyEngine engine = dev.palisade.engine.PolicyEngine.fromConfig(config)) {
            // notes only (errors would have failed the build): e.g. custom resources whose paths no CRD schema checks
            List<Diagnostic> notes = new ArrayList<>();
            for (var plugin : engine.admissionPlugins()) {
                if (plugin instanceof dev.palisade.engine.admission.PolicyAdmissionPlugin p) {
                    notes.addAll(p.notes());
                }
            }
            if (output.equals("json")) {
                out.println(DiagnosticsJson.render(notes));
            } else {
                notes.forEach(n -> err.print(Printable.escapeLines(n.render())));
                err.flush();
                out.printf("ok: %s: %s, %s, %s%n", config, TestCommand.plural(engine.authorizers().size(), "authorizer"),
                        TestCommand.plural(engine.admissionPlugins().size(), "admission plugin"),
                        TestCommand.plural(engine.authenticatorNames().size(), "authenticator"));
            }
            out.flush();
            return PalisadeCommand.OK;
        } catch (dev.palisade.engine.config.ConfigException e) {
            if (output.equals("json")) {
                out.println(DiagnosticsJson.renderProblems(e.problems()));
                out.flush();
            } else {
                e.problems().forEach(p -> err.println(Printable.escapeLines(p)));
                err.println(TestCommand.plural(e.problems().size(), "problem") + " found in " + config);
                err.flush();
            }
            return PalisadeCommand.FINDINGS;
        }
    }

    /** "1 admission rule", "3 admission rules". */
    private static String rules(long n, String stage) {
        return n + " " + stage + (n == 1 ? " rule" : " rules");
    }
}
