package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import java.util.List;

/**
 * One admission step of an engine: it may mutate the object (returning a patch and the changed
 * copy) and validate it (returning violations). The engine runs every plugin's mutations first, in
 * order, each given the object the plugins before it left, then every plugin's validations on the
 * final object (see {@link dev.palisade.engine.PolicyEngine#admit}). Implementations are called
 * from many threads at once and must not edit the request's objects. An exception propagates out
 * of {@code admit}: callers fail closed.
 */
@Api(spi = true)
public interface AdmissionPlugin {
    /** The name the plugin was configured (or built) with. */
    String name();

    /** How reports name the plugin: its name and what it is, e.g. {@code pss (PodSecurity baseline:latest)}. */
    String describe();

    /** Mutations, then validations of the mutated object. */
    AdmissionPluginResult evaluate(AdmissionRequest request);

    /** Which requests can change this plugin's answer: what an admission webhook must be sent. */
    List<AdmissionTarget> targets();

    /**
     * The rules of one phase only. The default runs {@link #evaluate(AdmissionRequest)} and keeps the
     * phase's part: exact for a plugin that only validates (or only mutates); a plugin with both
     * kinds of rules overrides it so that its validations see the object as given.
     */
    default AdmissionPluginResult evaluate(AdmissionRequest request, AdmissionPhase phase) {
        AdmissionPluginResult all = evaluate(request);
        return switch (phase) {
            case ALL -> all;
            case MUTATE -> new AdmissionPluginResult(List.of(), all.patch(), all.object(), all.mutations());
            case VALIDATE -> AdmissionPluginResult.validated(request, all.violations());
        };
    }

    /**
     * How this plugin's deny (or warn) messages for one request read in the response: by default
     * each on its own; a plugin with a house style (PodSecurity's {@code violates PodSecurity ...})
     * folds them into its own sentence.
     */
    default List<String> summarize(Enforcement enforcement, List<String> messages) {
        return messages;
    }
}
