package dev.palisade.engine.admission;

import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.AdmissionInput;

/** One configured admission plugin: a compiled policy set that mutates and validates. */
public interface AdmissionPlugin {
    String name();

    AdmissionResult evaluate(AdmissionInput input);
}
