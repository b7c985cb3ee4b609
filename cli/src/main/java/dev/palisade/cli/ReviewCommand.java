package dev.palisade.cli;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.text.Printable;
import dev.palisade.engine.wire.ReviewProtocol;
import dev.palisade.engine.wire.ReviewResponder;
import dev.palisade.engine.wire.ReviewStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shape shared by {@code authorize}, {@code admit} and {@code authenticate}: build the engine
 * a configuration describes, then hand the input to the engine's {@link ReviewStream} — one
 * JSON value per line (or a pretty-printed document opened by a lone brace), one compact answer
 * per input in input order, written as it is known. An input that cannot be judged is answered
 * as the wire format answers refusals (never allowed), reported on stderr with its line, and the
 * stream goes on. Exit code: 2 when any input could not be judged, else 1 when the protocol
 * counted findings (denied admissions), else 0.
 */
abstract class ReviewCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "Reviews as JSON lines (or one pretty-printed document); '-' (default) reads stdin.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "lines",
            description = "json or yaml: each answer pretty-printed (as kubectl -o json|yaml); default one compact JSON line per answer.")
    String output;

    @Spec
    CommandSpec spec;

    /** The wire format this command answers. */
    protected abstract ReviewProtocol<?> protocol();

    @Override
    public final Integer call() throws IOException {
        PrintWriter err0 = spec.commandLine().getErr();
        if (!output.equals("lines") && !output.equals("json") && !output.equals("yaml")) {
            err0.println("--output: expected json or yaml, got " + Printable.escape(output));
            err0.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        PrintWriter out = answers(AnswerFormat.wrap(spec.commandLine().getOut(), output));
        PrintWriter err = spec.commandLine().getErr();
        boolean stdin = "-".equals(input);
        if (!stdin && (!Files.exists(Path.of(input)) || Files.isDirectory(Path.of(input)))) {
            err.println(input + ": no such file");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        if (!prepare(err)) {
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null);
        if (engine == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        ReviewStream.Summary summary;
        String name = stdin ? "<stdin>" : input;
        try (InputStream raw = stdin ? new NonClosing(System.in) : Files.newInputStream(Path.of(input))) {
            YamlReviews.Prepared prepared;
            try {
                prepared = YamlReviews.prepare(raw, name, engine.limits());
            } catch (dev.palisade.engine.yaml.YamlReadException e) {
                err.println(Printable.escape(e.getMessage()));
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            InputStream in = prepared.json();
            if (prepared.fromYaml()) {
                name = name + " (YAML; numbers are documents)";
            }
            summary = new ReviewStream(new ReviewResponder<>(engine, protocol()), name).run(in, out, err);
        }
        return summary.invalid() > 0 ? PalisadeCommand.INPUT_ERROR
                : summary.findings() > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }

    /** Reads what the command needs besides the configuration; false (after saying why on err) stops it. */
    protected boolean prepare(PrintWriter err) {
        return true;
    }

    /** Where the answers go; a command may decorate them (admit --show-patch). */
    protected PrintWriter answers(PrintWriter out) {
        return out;
    }

    /** stdin belongs to the process, not to this command. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
