package dev.palisade.engine.admission;

import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.config.AdmissionPluginConfig;

/** Builds the admission plugin a configuration entry describes. */
public final class AdmissionPlugins {
    private AdmissionPlugins() {}

    /**
     * @throws dev.palisade.dsl.source.PolicyException when the entry's policies do not compile
     * @throws IllegalArgumentException for a type this engine does not know
     */
    public static AdmissionPlugin fromConfig(AdmissionPluginConfig config) {
        return switch (config.type()) {
            case "Policy" -> PolicyAdmissionPlugin.fromPaths(config.name(), config.paths());
            case "PodSecurity" -> PodSecurityAdmissionPlugin.of(config.name(), config.level(), config.version());
            default -> throw new IllegalArgumentException("unknown admission plugin type " + config.type());
        };
    }
}
