package dev.palisade.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code admission.plugins}: {@code type: Policy} with {@code paths} (resolved
 * against the configuration file) and an optional {@code name}; {@code location} is {@code file:line:col}.
 */
public record AdmissionPluginConfig(String type, String name, List<Path> paths, String location) {
    public AdmissionPluginConfig {
        paths = List.copyOf(paths);
    }
}
