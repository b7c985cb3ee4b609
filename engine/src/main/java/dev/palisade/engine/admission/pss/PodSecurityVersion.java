package dev.palisade.engine.admission.pss;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pod Security policy version: {@code latest}, or {@code v1.NN} pinned to the checks as they
 * stood in Kubernetes 1.NN (as the {@code enforce-version} namespace label pins them upstream).
 *
 * @param minor the pinned minor version, or -1 for latest
 */
public record PodSecurityVersion(int minor) {
    public static final PodSecurityVersion LATEST = new PodSecurityVersion(-1);
    private static final Pattern PINNED = Pattern.compile("v1\\.(0|[1-9][0-9]{0,3})");

    public PodSecurityVersion {
        if (minor < -1) {
            throw new IllegalArgumentException("minor version must not be negative: " + minor);
        }
    }

    public boolean isLatest() {
        return minor < 0;
    }

    /** {@code latest} or {@code v1.25}: the spelling of configuration and messages. */
    public String label() {
        return isLatest() ? "latest" : "v1." + minor;
    }

    /** @throws IllegalArgumentException for anything but {@code latest} and {@code v1.NN} */
    public static PodSecurityVersion parse(String text) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        Matcher m = text == null ? null : PINNED.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Pod Security version must be \"latest\" or \"v1.NN\", not \"" + text + "\"");
        }
        return new PodSecurityVersion(Integer.parseInt(m.group(1)));
    }
}
