package dev.palisade.engine.config;

import dev.palisade.engine.authz.FailurePolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code authorization.authorizers}. {@code paths} and {@code policyFile} (ABAC) are
 * already resolved against the configuration file's folder; {@code webhook} is set for a Webhook
 * authorizer; {@code location} is where the entry was written.
 */
public record AuthorizerConfig(AuthorizerType type, String name, List<Path> paths, String location, Path policyFile,
                               AuthenticationConfig.Webhook webhook, FailurePolicy failurePolicy) {
    public AuthorizerConfig {
        paths = List.copyOf(paths);
    }

    public AuthorizerConfig(AuthorizerType type, String name, List<Path> paths, String location) {
        this(type, name, paths, location, null, null, null);
    }

    public AuthorizerConfig(AuthorizerType type, String name, List<Path> paths, String location, Path policyFile,
                            AuthenticationConfig.Webhook webhook) {
        this(type, name, paths, location, policyFile, webhook, null);
    }
}
