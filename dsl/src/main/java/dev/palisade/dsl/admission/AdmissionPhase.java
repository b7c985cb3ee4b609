package dev.palisade.dsl.admission;

import dev.palisade.Api;
/**
 * Which rules of an admission set run. The apiserver calls mutating webhooks first and validating
 * ones after, on the mutated object; a server with a {@code /mutate} and a {@code /validate}
 * endpoint answers each with one phase, so that together they decide as {@link #ALL} does.
 */
@Api
public enum AdmissionPhase {
    /** Mutating rules only: a patch, no validation. */
    MUTATE,
    /** Validating rules only, on the object as given: violations, never a patch. */
    VALIDATE,
    /** Mutations, then validations of the mutated object (what {@code palisade admit} runs). */
    ALL;

    public boolean mutates() {
        return this != VALIDATE;
    }

    public boolean validates() {
        return this != MUTATE;
    }
}
