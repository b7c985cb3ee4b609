package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /**
     * Every file and folder this configuration reads, the configuration file first: policy and RBAC
     * paths, the ABAC policy file, authentication files (token and basic CSVs, CA bundles, service
     * account keys, webhook CA files) and admission policy paths; each once, in the order written.
     * A folder stands for everything under it. What a reload watches.
     */
    public List<Path> watchedPaths() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(file);
        for (AuthorizerConfig a : authorizers) {
            out.addAll(a.paths());
            out.add(a.policyFile());
            out.add(a.webhook() == null ? null : a.webhook().caFile());
        }
        for (AuthenticationConfig.Authenticator a : authentication.authenticators()) {
            out.add(a.file());
            out.add(a.clientCAFile());
            out.addAll(a.keyFiles());
            out.add(a.webhook() == null ? null : a.webhook().caFile());
        }
        if (authentication.policies() != null) {
            out.addAll(authentication.policies().paths());
        }
        for (AdmissionPluginConfig p : admissionPlugins) {
            out.addAll(p.paths());
            out.addAll(p.schemas()); // a changed CRD changes what the policies are checked against
        }
        List<Path> paths = new ArrayList<>(out);
        paths.removeIf(Objects::isNull);
        return List.copyOf(paths);
    }
}
