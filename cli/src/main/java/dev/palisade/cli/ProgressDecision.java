package dev.palisade.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether {@code batch} draws its progress bar: only when stderr, where the bar goes, is a
 * terminal — whatever stdout is (the report or {@code --events -} may well be piped). Java cannot
 * ask about stderr directly, so on Linux the target of {@code /proc/self/fd/2} answers (a tty or
 * pseudo-terminal device); where that link cannot be read, {@code System.console()} is the fallback
 * (which needs stdout on a terminal too, so it only errs towards no bar).
 */
record ProgressDecision(Supplier<Optional<String>> stderrTarget, Supplier<Boolean> consoleFallback) {
    /** The decision for this process. */
    static ProgressDecision forThisProcess() {
        return new ProgressDecision(ProgressDecision::procStderrTarget, () -> System.console() != null);
    }

    boolean show(boolean noProgress) {
        if (noProgress) {
            return false;
        }
        Optional<String> target = stderrTarget.get();
        if (target.isPresent()) {
            return isTerminalDevice(target.get());
        }
        return consoleFallback.get();
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    private static Optional<String> procStderrTarget() {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
