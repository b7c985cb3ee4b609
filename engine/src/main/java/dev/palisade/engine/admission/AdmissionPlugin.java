package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.admission.AdmissionInput;
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
     * How this plugin's deny (or warn) messages for one request read in the response: by default
     * each on its own; a plugin with a house style (PodSecurity's {@code violates PodSecurity ...})
     * folds them into its own sentence.
     */
    default List<String> summarize(Enforcement enforcement, List<String> messages) {
        return messages;
    }
}
