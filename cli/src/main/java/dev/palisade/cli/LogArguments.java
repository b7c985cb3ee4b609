package dev.palisade.cli;

import dev.palisade.engine.batch.LogSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The LOG... arguments of {@code batch} and {@code suggest}: files (plain or gzip) or "-". */
final class LogArguments {
    private LogArguments() {}

    /** The sources, or empty with the first missing file named on {@code err}. */
    static Optional<List<LogSource>> sources(List<String> logs, PrintWriter err) {
        List<LogSource> sources = new ArrayList<>();
        for (String log : logs) {
            LogSource source = LogSource.of(log);
            if (source.path() != null && !Files.isRegularFile(source.path())) {
                err.println(log + ": no such file");
                err.flush();
                return Optional.empty();
            }
            sources.add(source);
        }
        return Optional.of(sources);
    }
}
