package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.List;

/** A parsed {@code palisade.yaml}: where it came from and its authorizer chain, in order. */
public record Configuration(Path file, List<AuthorizerConfig> authorizers) {
    public Configuration {
        authorizers = List.copyOf(authorizers);
    }
}
