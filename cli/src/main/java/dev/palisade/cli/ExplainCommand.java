package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.explain.AuthorizationExplanation;
import dev.palisade.engine.explain.Explainer;
import dev.palisade.engine.explain.ExplanationJson;
import dev.palisade.engine.explain.ExplanationText;
import dev.palisade.engine.text.Printable;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.JsonInput;
import dev.palisade.engine.wire.JsonLines;
import dev.palisade.engine.wire.SubjectAccessReviews;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade explain -c CONFIG [FILE|-]}: why each review (SubjectAccessReview or
 * AdmissionReview) is decided as it is. Exit 0 when every review is allowed, 1 when any is denied,
 * 2 when any could not be read.
 */
@Command(name = "explain", description = {
        "Explain the decision on SubjectAccessReviews and AdmissionReviews: each authorizer's verdict in chain order,",
        "the DSL rules that matched and the near misses (rules that failed on exactly one condition),",
        "the RBAC bindings naming the user with their closest rule, and for admission each rule's outcome per element."})
final class ExplainCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json or yaml")
    String output;

    @Option(names = "--data", paramLabel = "[RESOURCE=]FILE",
            description = "Existing objects for data.<resource> rules, as admit --data takes them. Repeatable.")
    List<String> dataFiles = List.of();

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "Reviews as JSON lines or pretty-printed documents; '-' (default) reads stdin.")
    String input;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.equals("text") && !output.equals("json") && !output.equals("yaml")) {
            err.println("--output: expected text, json or yaml, got " + Printable.escape(output));
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        boolean stdin = "-".equals(input);
        if (!stdin && (!Files.exists(Path.of(input)) || Files.isDirectory(Path.of(input)))) {
            err.println(input + ": no such file");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        Map<String, List<JsonNode>> data;
        try {
            data = ExistingObjects.read(dataFiles);
        } catch (ExistingObjects.DataException e) {
            err.println(e.getMessage());
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        String name = stdin ? "<stdin>" : input;
        int[] counts = new int[2]; // denied, invalid
        try (PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null)) {
            if (engine == null) {
                return PalisadeCommand.INPUT_ERROR;
            }
            ReviewExplainer explainer = new ReviewExplainer(new Explainer(engine), engine, data);
            try (InputStream raw = stdin ? System.in : Files.newInputStream(Path.of(input))) {
                InputStream in;
                try {
                    in = YamlReviews.prepare(raw, name, engine.limits()).json();
                } catch (dev.palisade.engine.yaml.YamlReadException e) {
                    err.println(Printable.escape(e.getMessage()));
                    err.flush();
                    return PalisadeCommand.INPUT_ERROR;
                }
                new JsonLines(new JsonInput(engine.limits())).read(in, new JsonLines.Sink() {
                    @Override
                    public void value(JsonNode value, long line) {
                        try {
                            ReviewExplainer.Explained e = explainer.explain(value);
                            if (!e.allowed()) {
                                counts[0]++;
                            }
                            if (output.equals("yaml")) {
                                out.println(AnswerFormat.render(e.json().toString(), "yaml"));
                            } else if (output.equals("json")) {
                                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(e.json()));
                            } else {
                                out.print(e.text());
                                out.println();
                            }
                        } catch (InvalidReviewException | IOException ex) {
                            invalid(line, ex.getMessage());
                        }
                        out.flush();
                    }

                    @Override
                    public void malformed(long line, String message) {
                        invalid(line, message);
                    }

                    private void invalid(long line, String message) {
                        counts[1]++;
                        err.println(Printable.escape(name + ":" + line + ": " + message));
                        err.flush();
                    }
                });
            }
        }
        return counts[1] > 0 ? PalisadeCommand.INPUT_ERROR : counts[0] > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }
}
