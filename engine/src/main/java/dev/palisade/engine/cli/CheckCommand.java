package dev.palisade.engine.cli;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.CompiledPolicySet;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.load.LoadResult;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.source.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade check PATH...}: parse, check and compile policies; every error with its place. */
@Command(name = "check", description = "Parse, check and compile policy files (.pal) or folders.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or folders.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println(p + ": no such file or folder");
                return PalisadeCommand.INPUT_ERROR;
            }
        }
        LoadResult loaded = PolicyLoader.load(paths);
        long errors = loaded.diagnostics().stream().filter(Diagnostic::isError).count();
        for (Diagnostic d : loaded.diagnostics()) {
            err.print(d.render());
        }
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors") + " found");
            err.flush();
            return PalisadeCommand.FINDINGS;
        }
        long started = System.nanoTime();
        CompiledPolicySet compiled;
        try {
            compiled = PolicyCompiler.compile(loaded.files());
            compiled.build();
        } catch (RuntimeException e) {
            err.println("compile failed: " + e.getMessage());
            err.flush();
            return PalisadeCommand.FINDINGS;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<RuleInfo> rules = compiled.rules();
        long denies = rules.stream().filter(r -> r.effect() == Effect.DENY).count();
        out.printf("ok: %d rules (%d allow, %d deny) in %d files, compiled to Drools in %d ms%n",
                rules.size(), rules.size() - denies, denies, loaded.files().size(), millis);
        out.flush();
        return PalisadeCommand.OK;
    }
}
