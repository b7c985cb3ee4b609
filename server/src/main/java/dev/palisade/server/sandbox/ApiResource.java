package dev.palisade.server.sandbox;

import java.util.List;

/** One built-in resource the sandbox knows: where it lives, what it is called, what can be done to it. */
public record ApiResource(String group, String version, String kind, String plural, boolean namespaced, List<String> verbs) {
    public ApiResource {
        verbs = List.copyOf(verbs);
    }

    /** {@code v1} for the core group, else {@code group/version}. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }
}
