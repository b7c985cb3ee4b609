package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import java.util.List;

/** One configured admission plugin: a compiled policy set that mutates and validates. */
@Api(spi = true)
public interface AdmissionPlugin {
    String name();

    /** How reports name the plugin: its name and what it is, e.g. {@code pss (PodSecurity baseline:latest)}. */
    String describe();

    AdmissionResult evaluate(AdmissionInput input);

    /** Which requests can change this plugin's answer: what an admission webhook must be sent. */
    List<AdmissionTarget> targets();

    /**
     * The rules of one phase only. The default runs {@link #evaluate(AdmissionInput)} and keeps the
     * phase's part: exact for a plugin that only validates (or only mutates); a plugin with both
     * kinds of rules overrides it so that its validations see the object as given.
     */
    default AdmissionResult evaluate(AdmissionInput input, AdmissionPhase phase) {
        AdmissionResult all = evaluate(input);
        return switch (phase) {
            case ALL -> all;
            case MUTATE -> new AdmissionResult(List.of(), all.patch(), all.object(), all.mutatedBy());
            case VALIDATE -> new AdmissionResult(all.violations(), List.of(), input.object(), List.of());
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
