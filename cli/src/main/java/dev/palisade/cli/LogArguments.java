package dev.palisade.cli;

import dev.palisade.engine.batch.LogSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The LOG... arguments of {@code batch} and {@code suggest}: files (plain or gzip), folders of them, or "-". */
final class LogArguments {
    private LogArguments() {}

    /** The sources, or empty with the first missing file named on {@code err}. */
    static Optional<List<LogSource>> sources(List<String> logs, PrintWriter err) {
        List<LogSource> sources = new ArrayList<>();
        for (String log : logs) {
            LogSource source = LogSource.of(log);
            if (source.path() != null && Files.isDirectory(source.path())) {
                // a folder: the regular files in it (not below it), in name order, as kubectl -f DIR does
                List<java.nio.file.Path> inside;
                try (java.util.stream.Stream<java.nio.file.Path> s = Files.list(source.path())) {
                    inside = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().toList();
                } catch (java.io.IOException e) {
                    err.println(log + ": cannot list the folder (" + e.getClass().getSimpleName() + ")");
                    err.flush();
                    return Optional.empty();
                }
                if (inside.isEmpty()) {
                    err.println(log + ": the folder holds no log files");
                    err.flush();
                    return Optional.empty();
                }
                inside.forEach(f -> sources.add(LogSource.of(f.toString())));
                continue;
            }
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
