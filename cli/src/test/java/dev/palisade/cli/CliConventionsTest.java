package dev.palisade.cli;

import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.cli.CliTest.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every command does the same way: --help, --version, one-line errors with exit 2, never a stack trace. */
class CliConventionsTest {
    private static final String CONFIG = CliTest.CONFIG.toString();
    private static final String LOG = CliTest.ROOT.resolve("examples/audit/audit.log").toString();

    @TempDir
    Path tmp;

    static Stream<String> commands() {
        return PalisadeCommand.commandLine().getSubcommands().keySet().stream().filter(c -> !c.equals("help"));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void everyCommand_help_printsUsage_exit0(String command) {
        Run r = run("", command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: palisade " + command), r.out());
    }

    @ParameterizedTest(name = "{0} --version")
    @MethodSource("commands")
    void everyCommand_version_isTheBuildsVersion(String command) {
        Run r = run("", command, "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals("palisade " + BuildVersion.version(), r.out().strip());
        assertFalse(BuildVersion.version().startsWith("(unknown"), "the build filtered the version resource");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("workersZero", "palisade batch: --workers must be at least 1, not 0", "batch", "-c", CONFIG, "--workers", "0", LOG),
                mistake("topNegative", "palisade batch: --top must be at least 0, not -1", "batch", "-c", CONFIG, "--top", "-1", LOG),
                mistake("examplesNegative", "palisade batch: --examples must be at least 0, not -5", "batch", "-c", CONFIG,
                        "--examples", "-5", LOG),
                mistake("eventsIntoMissingFolder", "palisade batch: /nonexistent/x: no such file or folder", "batch", "-c", CONFIG,
                        "--events", "/nonexistent/x", LOG),
                mistake("generateAuditIntoMissingFolder", "palisade generate-audit: /nonexistent/x: no such file or folder",
                        "generate-audit", "-o", "/nonexistent/x", "--events", "3"),
                mistake("unknownOption", "palisade check: Unknown option: '--bogus'", "check", "--bogus", "x.pal"));
    }

    private static Arguments mistake(String name, String firstLine, String... args) {
        return Arguments.of(Named.of(name, args), firstLine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakes_oneLine_exit2_noStackTrace(String[] args, String expected) {
        Run r = run("", args);
        assertEquals(2, r.exit(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(expected), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void describe_keepsJacksonInternalsOut() {
        var e = new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character ('x')");
        String text = CommandFailure.describe(e);
        assertTrue(text.startsWith("not valid JSON"), text);
        assertFalse(text.contains("Source:") || text.contains("REDACTED"), text);
    }

    @Test
    void check_countsFilesInEnglish() {
        Run r = run("", "check", CliTest.ROOT.resolve("examples/policies").toString());
        assertTrue(r.out().contains(" in 1 file,"), r.out());
    }

    @Test
    void completion_bashScriptNamesEveryCommand_andZshLoadsIt() {
        Run bash = run("", "completion", "bash");
        assertEquals(0, bash.exit(), bash.err());
        assertTrue(bash.out().contains("complete -F _complete_palisade"), bash.out().lines().limit(5).toList().toString());
        for (String command : commands().toList()) {
            assertTrue(bash.out().contains(command), "completion lists " + command);
        }
        Run zsh = run("", "completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit"), zsh.out().lines().findFirst().orElse(""));
        assertEquals(2, run("", "completion", "fish").exit());
    }

    @Test
    void check_warningsPassUnlessStrict() throws Exception {
        Path policy = tmp.resolve("p.pal");
        java.nio.file.Files.writeString(policy, "package p\nallow \"typo\" when verb == \"craete\"\n");
        Run lax = run("", "check", policy.toString());
        assertEquals(0, lax.exit(), lax.err());
        assertTrue(lax.err().contains("warning: unknown verb 'craete'"), lax.err());
        assertTrue(lax.err().contains("1 warning (--strict makes them errors)"), lax.err());
        Run strict = run("", "check", "--strict", policy.toString());
        assertEquals(1, strict.exit(), strict.err());
        assertTrue(strict.err().contains("0 errors and 1 warning found (--strict: warnings are errors)"), strict.err());
    }

    @Test
    void batchEventsDash_writesEventsToStdout_andTheReportToStderr() {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Run r;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run("", "batch", "-c", CONFIG, "--events", "-", "--no-progress", LOG);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, r.exit(), r.err());
        List<String> events = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertTrue(events.size() > 10, "events: " + events.size());
        assertTrue(events.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")), events.get(0));
        assertEquals("", r.out(), "the report is not mixed into the events");
        assertTrue(r.err().contains("flip") || r.err().contains("events"), r.err());
    }

    @Test
    void batchFolder_readsTheLogsInIt() throws Exception {
        java.nio.file.Files.copy(Path.of(LOG), tmp.resolve("a.log"));
        java.nio.file.Files.copy(Path.of(LOG), tmp.resolve("b.log"));
        Run folder = run("", "batch", "-c", CONFIG, "--format", "json", "--no-progress", tmp.toString());
        Run twice = run("", "batch", "-c", CONFIG, "--format", "json", "--no-progress", LOG, LOG);
        assertEquals(0, folder.exit(), folder.err());
        var a = CliTest.JSON.readTree(folder.out());
        var b = CliTest.JSON.readTree(twice.out());
        assertEquals(b.path("events"), a.path("events"), folder.out());
        assertTrue(a.path("events").asLong() > 0, folder.out());
        Run empty = run("", "batch", "-c", CONFIG, tmp.resolve("nothing").toString());
        assertEquals(2, empty.exit());
    }
}
