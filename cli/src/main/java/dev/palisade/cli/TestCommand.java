package dev.palisade.cli;

import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.engine.cases.CaseFile;
import dev.palisade.engine.cases.CaseFileException;
import dev.palisade.engine.cases.CaseFileReader;
import dev.palisade.engine.cases.CaseFileResult;
import dev.palisade.engine.cases.CaseOutcome;
import dev.palisade.engine.cases.CaseRunner;
import dev.palisade.engine.cases.RuleRef;
import dev.palisade.engine.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade test [PATH...]}: runs policy case files ({@code X.cases.yaml}) and prints one
 * line per file as {@code go test} does, with every failure's case, expectation, outcome and
 * deciding rules. Exit 0 when every case passed, 1 when one failed, 2 when a file could not run.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run policy test files (*.cases.yaml; folders are searched).",
                "Exit 0: all passed; 1: a case failed; 2: a file could not be read or its policy does not compile."})
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Case files or folders (default: the current folder).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--run", paramLabel = "REGEX", description = "Run only the cases whose name matches (anywhere in the name).")
    String run;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML, for CI systems.")
    Path junit;

    @Option(names = "--coverage", description = "List the rules no case exercised, with their place, and the share covered.")
    boolean coverage;

    @Option(names = {"-v", "--verbose"}, description = "Print every case, not only the failures.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pattern select;
        try {
            select = run == null ? null : Pattern.compile(run);
        } catch (PatternSyntaxException e) {
            err.println("palisade test: --run: not a regular expression: " + e.getDescription());
            return PalisadeCommand.INPUT_ERROR;
        }
        List<Path> files;
        try {
            files = caseFiles(paths.isEmpty() ? List.of(Path.of(".")) : paths);
        } catch (IOException e) {
            err.println("palisade test: " + e.getMessage());
            return PalisadeCommand.INPUT_ERROR;
        }
        if (files.isEmpty()) {
            err.println("palisade test: no *" + CaseFileReader.SUFFIX + " files in " + shown(paths));
            return PalisadeCommand.INPUT_ERROR;
        }
        List<CaseFileResult> results = new ArrayList<>();
        List<BadCaseFile> bad = new ArrayList<>();
        int width = files.stream().mapToInt(f -> f.toString().length()).max().orElse(0);
        for (Path f : files) {
            try {
                CaseFile read = CaseFileReader.read(f);
                CaseFileResult r = CaseRunner.run(read, name -> select == null || select.matcher(name).find());
                results.add(r);
                print(out, r, width);
            } catch (CaseFileException e) {
                bad.add(new BadCaseFile(f, e.getMessage()));
                out.printf("%-5s %-" + width + "s  %s%n", "?", f, Printable.escape(e.getMessage()));
            } catch (PolicyException e) {
                String problems = e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::render)
                        .collect(Collectors.joining());
                bad.add(new BadCaseFile(f, "the policy does not compile:\n" + problems));
                out.printf("%-5s %-" + width + "s  the policy does not compile%n", "?", f);
                out.print(Printable.escapeLines(indent(problems)));
            }
        }
        long cases = results.stream().mapToLong(r -> r.outcomes().size()).sum();
        long failed = results.stream().mapToLong(CaseFileResult::failures).sum();
        if (coverage) {
            printCoverage(out, results);
        }
        if (junit != null) {
            try {
                JUnitReport.write(junit, results, bad);
            } catch (IOException e) {
                err.println("palisade test: --junit " + junit + ": cannot write (" + e.getClass().getSimpleName() + ")");
                return PalisadeCommand.INPUT_ERROR;
            }
        }
        String files1 = plural(results.size() + bad.size(), "file");
        if (!bad.isEmpty()) {
            out.println("FAIL: " + plural(bad.size(), "file") + " could not run; " + failed + " of " + plural(cases, "case")
                    + " failed in " + files1);
            out.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        if (failed > 0) {
            out.println("FAIL: " + failed + " of " + plural(cases, "case") + " failed in " + files1);
            out.flush();
            return PalisadeCommand.FINDINGS;
        }
        out.println("ok: " + plural(cases, "case") + " passed in " + files1);
        out.flush();
        return PalisadeCommand.OK;
    }

    private void print(PrintWriter out, CaseFileResult r, int width) {
        String time = String.format(Locale.ROOT, "%.3fs", r.nanos() / 1e9);
        String count = plural(r.outcomes().size(), "case") + (r.passed() ? "" : ", " + r.failures() + " failed");
        out.printf("%-5s %-" + width + "s  %-18s %s%n", r.passed() ? "ok" : "FAIL", r.file().file(), count, time);
        for (CaseOutcome o : r.outcomes()) {
            if (o.passed() && !verbose) {
                continue;
            }
            out.println("    --- " + (o.passed() ? "PASS" : "FAIL") + ": " + Printable.escape(o.name()) + " (" + o.location() + ")");
            if (!o.passed()) {
                out.println("        expected: " + Printable.escape(o.expected()));
                out.println("        got:      " + Printable.escape(o.got()));
                for (String d : o.deciding()) {
                    out.println("        decided by " + Printable.escape(d));
                }
            }
        }
    }

    private static void printCoverage(PrintWriter out, List<CaseFileResult> results) {
        long total = 0;
        long uncovered = 0;
        out.println();
        out.println("coverage:");
        for (CaseFileResult r : results) {
            List<RuleRef> missed = r.uncovered();
            total += r.rules().size();
            uncovered += missed.size();
            for (RuleRef m : missed) {
                out.println("    not exercised: " + Printable.escape(m.id()) + " (" + m.location() + ") in " + r.file().file());
            }
        }
        double share = total == 0 ? 100.0 : 100.0 * (total - uncovered) / total;
        out.println(String.format(Locale.ROOT, "    %.1f%% of %s exercised by a case (%d not)", share, plural(total, "rule"), uncovered));
    }

    private static List<Path> caseFiles(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(CaseFileReader.SUFFIX) && Files.isRegularFile(f))
                            .sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException(p + ": no such file or folder");
            }
        }
        return out;
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l + "\n").collect(Collectors.joining());
    }

    private static String shown(List<Path> paths) {
        return paths.isEmpty() ? "." : paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
