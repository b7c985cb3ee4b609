package dev.palisade.engine.config;

import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code admission.plugins}: {@code type: Policy} with {@code paths} (resolved
 * against the configuration file) and, for parameterised policies, {@code instances}, or {@code type: PodSecurity} with {@code level} and
 * {@code version}; an optional {@code name}; {@code location} is {@code file:line:col}; {@code schemas}
 * are CRD files whose {@code openAPIV3Schema}s check the policies' paths on custom resources.
 * Fields a type does not take are empty (paths) or null (level, version).
 */
public record AdmissionPluginConfig(String type, String name, List<Path> paths, String location,
                                    PodSecurityLevel level, PodSecurityVersion version,
                                    List<dev.palisade.dsl.params.PolicyInstance> instances, List<Path> schemas) {
    public AdmissionPluginConfig {
        paths = List.copyOf(paths);
        instances = List.copyOf(instances);
        schemas = List.copyOf(schemas);
    }

    public AdmissionPluginConfig(String type, String name, List<Path> paths, String location,
                                 PodSecurityLevel level, PodSecurityVersion version,
                                 List<dev.palisade.dsl.params.PolicyInstance> instances) {
        this(type, name, paths, location, level, version, instances, List.of());
    }

    /** A {@code type: Policy} entry. */
    public AdmissionPluginConfig(String type, String name, List<Path> paths, String location) {
        this(type, name, paths, location, null, null, List.of());
    }

    public AdmissionPluginConfig(String type, String name, List<Path> paths, String location,
                                 PodSecurityLevel level, PodSecurityVersion version) {
        this(type, name, paths, location, level, version, List.of());
    }
}
