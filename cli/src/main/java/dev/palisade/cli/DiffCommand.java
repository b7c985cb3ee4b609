package dev.palisade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.diff.AuthorizationDiff;
import dev.palisade.diff.DiffClass;
import dev.palisade.diff.DiffReport;
import dev.palisade.diff.UnsupportedPolicyException;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.explain.ExplanationText;
import dev.palisade.engine.text.Printable;
import dev.palisade.engine.wire.SubjectAccessReviews;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palisade diff -c OLD -c NEW}: every class of request whose authorization changes between
 * two configurations, each with an example decided by both. Exit 0 (with {@code --fail-on-grant}:
 * 0 when nothing new is granted, 1 when something is), 2 for bad input or a configuration diff
 * cannot analyse.
 */
@Command(name = "diff", description = {
        "The exact difference in authorization between two configurations: every class of request whose decision",
        "changes (DENY->ALLOW and ALLOW->DENY), each with an example SubjectAccessReview and both decisions.",
        "Complete, not sampled: decided by Z3 over every request (docs/diff.md)."})
final class DiffCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, arity = "1", paramLabel = "CONFIG",
            description = "the old palisade.yaml, then the new one (give -c twice)")
    List<Path> configs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    String output;

    @Option(names = "--fail-on-grant", description = "exit 1 when the new configuration allows any request the old one denied")
    boolean failOnGrant;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (configs.size() != 2) {
            err.println("diff needs exactly two configurations: -c OLD.yaml -c NEW.yaml (got " + configs.size() + ")");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        if (!output.equals("text") && !output.equals("json")) {
            err.println("--output: expected text or json, got " + Printable.escape(output));
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        try (PolicyEngine before = ConfiguredEngine.load(configs.get(0), err).orElse(null);
             PolicyEngine after = before == null ? null : ConfiguredEngine.load(configs.get(1), err).orElse(null)) {
            if (before == null || after == null) {
                return PalisadeCommand.INPUT_ERROR;
            }
            DiffReport report;
            long started = System.nanoTime();
            try {
                report = AuthorizationDiff.diff(before, after);
            } catch (UnsupportedPolicyException e) {
                err.println(Printable.escapeLines(e.getMessage()));
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (output.equals("json")) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(report)));
            } else {
                out.print(text(report, millis));
            }
            out.flush();
            return failOnGrant && report.grants() ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
        }
    }

    private String text(DiffReport r, long millis) {
        StringBuilder b = new StringBuilder();
        long granted = r.classes().stream().filter(c -> c.direction() == DiffClass.Direction.GRANTED).count();
        long revoked = r.classes().size() - granted;
        b.append(configs.get(0)).append(" -> ").append(configs.get(1)).append('\n');
        b.append(r.classes().isEmpty() ? "no request changes decision" : r.classes().size() + (r.classes().size() == 1 ? " class" : " classes")
                + " of requests change decision (" + granted + " granted, " + revoked + " revoked)");
        b.append("; ").append(r.changedOld()).append(" old and ").append(r.changedNew())
                .append(" new elements differ; ").append(r.queries()).append(" checks in ").append(millis).append(" ms\n");
        for (String note : r.notes()) {
            b.append("note: ").append(Printable.escapeLines(note)).append('\n');
        }
        for (DiffClass c : r.classes()) {
            b.append('\n').append(c.direction() == DiffClass.Direction.GRANTED ? "GRANTED (DENY -> ALLOW)" : "REVOKED (ALLOW -> DENY)")
                    .append(": requests matched by ").append(c.side() == DiffClass.Side.NEW ? "an element only in the new configuration"
                            : "an element only in the old configuration").append('\n');
            b.append("  ").append(c.authorizer()).append(": ").append(Printable.escapeLines(c.element()));
            if (!c.location().isEmpty()) {
                b.append(" (").append(c.location()).append(')');
            }
            b.append('\n');
            b.append("  for example: ").append(ExplanationText.describe(c.example())).append('\n');
            b.append("    ").append(SubjectAccessReviews.review(c.example())).append('\n');
            b.append("  before: ").append(decision(c.before())).append('\n');
            b.append("  after:  ").append(decision(c.after())).append('\n');
        }
        return b.toString();
    }

    private static String decision(Decision d) {
        return d.verdict() + (d.reasons().isEmpty() ? "" : ": " + Printable.escapeLines(String.join("; ",
                d.reasons().stream().map(Reason::render).toList())));
    }

    private ObjectNode json(DiffReport r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("kind", "AuthorizationDiff");
        out.put("old", configs.get(0).toString());
        out.put("new", configs.get(1).toString());
        out.put("grants", r.grants());
        out.put("changedOldElements", r.changedOld());
        out.put("changedNewElements", r.changedNew());
        out.put("checks", r.queries());
        r.notes().forEach(out.putArray("notes")::add);
        ArrayNode classes = out.putArray("classes");
        for (DiffClass c : r.classes()) {
            ObjectNode o = classes.addObject();
            o.put("direction", c.direction() == DiffClass.Direction.GRANTED ? "DENY->ALLOW" : "ALLOW->DENY");
            o.put("side", c.side().name().toLowerCase(java.util.Locale.ROOT));
            o.put("authorizer", c.authorizer());
            o.put("element", c.element());
            o.put("location", c.location());
            o.set("example", SubjectAccessReviews.review(c.example()));
            o.set("before", decisionJson(c.before()));
            o.set("after", decisionJson(c.after()));
        }
        return out;
    }

    private static ObjectNode decisionJson(Decision d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("verdict", d.verdict().name());
        ArrayNode reasons = o.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode reason = reasons.addObject();
            reason.put("authorizer", r.authorizer());
            reason.put("ruleId", r.ruleId());
            reason.put("message", r.message());
            reason.put("source", r.source());
        }
        return o;
    }
}
