package dev.palisade.server.reload;

import java.time.Duration;
import java.util.List;

/**
 * What one reload did: on success the new generation; on failure the problems, each naming its
 * place ({@code file:line:col}) where it has one, while {@code generation} (the last good one) serves on.
 */
public record ReloadOutcome(boolean succeeded, long generation, List<String> problems, Duration took) {
    public ReloadOutcome {
        problems = List.copyOf(problems);
    }
}
