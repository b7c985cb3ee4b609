package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.List;

/** A parsed {@code palisade.yaml}: where it came from, its authorizer chain and its admission plugins, in order. */
public record Configuration(Path file, List<AuthorizerConfig> authorizers, List<AdmissionPluginConfig> admissionPlugins,
                            AuthenticationConfig authentication) {
    public Configuration {
        authorizers = List.copyOf(authorizers);
        admissionPlugins = List.copyOf(admissionPlugins);
        authentication = authentication == null ? AuthenticationConfig.none() : authentication;
    }

    /** A configuration without an authentication section. */
    public Configuration(Path file, List<AuthorizerConfig> authorizers, List<AdmissionPluginConfig> admissionPlugins) {
        this(file, authorizers, admissionPlugins, AuthenticationConfig.none());
    }

    /** A configuration without admission plugins. */
    public Configuration(Path file, List<AuthorizerConfig> authorizers) {
        this(file, authorizers, List.of());
    }
}
