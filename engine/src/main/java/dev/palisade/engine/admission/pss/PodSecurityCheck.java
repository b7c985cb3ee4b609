package dev.palisade.engine.admission.pss;

import java.util.List;
import java.util.Objects;

/**
 * One line of the checks manifest: a version of one upstream check and the policy file that
 * implements it, in force from {@code since} until the next version of the same check.
 *
 * @param since     the first policy minor version (1.since) this file applies to
 * @param file      the policy file, relative to the manifest's folder
 * @param overrides baseline check ids this restricted check replaces at the restricted level
 */
public record PodSecurityCheck(PodSecurityLevel level, String id, int since, String file, List<String> overrides) {
    public PodSecurityCheck {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        overrides = List.copyOf(overrides);
        if (level == PodSecurityLevel.PRIVILEGED) {
            throw new IllegalArgumentException("the privileged level has no checks: " + id);
        }
    }

    /** The upstream check id of a policy rule id: {@code runAsNonRoot#pod} belongs to {@code runAsNonRoot}. */
    public static String checkIdOf(String ruleId) {
        int hash = ruleId.indexOf('#');
        return hash < 0 ? ruleId : ruleId.substring(0, hash);
    }
}
