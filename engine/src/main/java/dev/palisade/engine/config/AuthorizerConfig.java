package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code authorization.authorizers}. {@code paths} are already resolved against
 * the configuration file's folder; {@code location} is where the entry was written.
 */
public record AuthorizerConfig(AuthorizerType type, String name, List<Path> paths, String location) {
    public AuthorizerConfig {
        paths = List.copyOf(paths);
    }
}
