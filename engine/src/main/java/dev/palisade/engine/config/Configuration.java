package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed {@code palisade.yaml}: where it came from, its authorizer chain and its admission plugins, in order.
 * {@code decisionCacheEntries} is {@code authorization.cache.maxEntries}, 0 when no cache is configured;
 * {@code limits} the {@code limits:} block, {@link Limits#DEFAULTS} where absent.
 */
public record Configuration(Path file, List<AuthorizerConfig> authorizers, List<AdmissionPluginConfig> admissionPlugins,
                            AuthenticationConfig authentication, int decisionCacheEntries, Limits limits) {
    public Configuration {
        limits = limits == null ? Limits.DEFAULTS : limits;
        authorizers = List.copyOf(authorizers);
        admissionPlugins = List.copyOf(admissionPlugins);
        authentication = authentication == null ? AuthenticationConfig.none() : authentication;
        if (decisionCacheEntries < 0) {
            throw new IllegalArgumentException("decisionCacheEntries must be >= 0");
        }
    }

    /** A configuration with the default limits. */
    public Configuration(Path file, List<AuthorizerConfig> authorizers, List<AdmissionPluginConfig> admissionPlugins,
                         AuthenticationConfig authentication, int decisionCacheEntries) {
        this(file, authorizers, admissionPlugins, authentication, decisionCacheEntries, Limits.DEFAULTS);
    }

    /** A configuration without a decision cache. */
    public Configuration(Path file, List<AuthorizerConfig> authorizers, List<AdmissionPluginConfig> admissionPlugins,
                         AuthenticationConfig authentication) {
        this(file, authorizers, admissionPlugins, authentication, 0);
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
