package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgressDecisionTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // name, stderr target (null: unreadable), console present, --no-progress, expected
                Arguments.of("stderr on a pty, stdout piped (no console)", "/dev/pts/3", false, false, true),
                Arguments.of("stderr on a virtual console", "/dev/tty2", false, false, true),
                Arguments.of("stderr redirected to a file", "/tmp/log.txt", true, false, false),
                Arguments.of("stderr piped", "pipe:[12345]", true, false, false),
                Arguments.of("stderr to /dev/null", "/dev/null", true, false, false),
                Arguments.of("--no-progress on a terminal", "/dev/pts/0", true, true, false),
                Arguments.of("no /proc, console present", null, true, false, true),
                Arguments.of("no /proc, no console", null, false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void progressShownOnlyWhenStderrIsATerminal(String name, String target, boolean console, boolean noProgress,
            boolean expected) {
        ProgressDecision d = new ProgressDecision(() -> Optional.ofNullable(target), () -> console);
        assertEquals(expected, d.show(noProgress), name);
    }

    @ParameterizedTest(name = "{0} events in {1} ms -> {2}")
    @MethodSource("rates")
    void rateIsInEventsPerSecond(long events, long millis, String expected) {
        assertEquals(expected, TerminalProgress.rate(events, millis));
    }

    /** batch --spark closes the bar before it prints problems; the command closes it again at its end. */
    @Test
    void aClosedBarWritesNothingMoreWhenClosedAgain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8), 1000);
        bar.progress(500, 10);
        bar.close();
        int written = out.size();
        assertTrue(written > 0, "the bar was drawn and cleared");
        bar.close();
        assertEquals(written, out.size(), "nothing more after the first close");
    }

    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of(0L, 0L, "0 events"),
                Arguments.of(500L, 0L, "500 events"),
                Arguments.of(10_000L, 2_000L, "10000 events, 5000 events/s"),
                Arguments.of(3L, 2_000L, "3 events, 1 events/s"));
    }
}
