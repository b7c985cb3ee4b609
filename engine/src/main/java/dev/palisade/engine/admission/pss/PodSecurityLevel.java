package dev.palisade.engine.admission.pss;

import java.util.Locale;

/** The Pod Security Standards levels, from least to most restrictive; each includes the checks of those below. */
public enum PodSecurityLevel {
    PRIVILEGED, BASELINE, RESTRICTED;

    /** The lower-case name used in configuration, manifests and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static PodSecurityLevel parse(String text) {
        for (PodSecurityLevel l : values()) {
            if (l.label().equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown Pod Security level \"" + text
                + "\" (one of privileged, baseline, restricted)");
    }
}
