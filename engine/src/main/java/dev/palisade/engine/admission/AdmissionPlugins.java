package dev.palisade.engine.admission;

import dev.palisade.dsl.parse.ParseLimits;
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
        return fromConfig(config, ParseLimits.DEFAULTS);
    }

    /** As {@link #fromConfig(AdmissionPluginConfig)}, DSL policies parsed within {@code limits}. */
    public static AdmissionPlugin fromConfig(AdmissionPluginConfig config, ParseLimits limits) {
        return switch (config.type()) {
            case "Policy" -> PolicyAdmissionPlugin.fromPaths(config.name(), config.paths(), limits, config.instances(), schema(config));
            case "PodSecurity" -> PodSecurityAdmissionPlugin.of(config.name(), config.level(), config.version());
            default -> throw new IllegalArgumentException("unknown admission plugin type " + config.type());
        };
    }

    /**
     * The built-in schema plus the custom resources of the entry's {@code schemas} (CRD files).
     *
     * @throws dev.palisade.engine.config.ConfigException naming each problem of the CRD files
     */
    private static dev.palisade.dsl.schema.KubernetesSchema schema(AdmissionPluginConfig config) {
        if (config.schemas().isEmpty()) {
            return dev.palisade.dsl.schema.KubernetesSchema.builtIn();
        }
        CustomResourceSchemas.Result crds = CustomResourceSchemas.read(config.schemas());
        if (!crds.problems().isEmpty()) {
            throw new dev.palisade.engine.config.ConfigException(crds.problems());
        }
        return crds.schema();
    }
}
