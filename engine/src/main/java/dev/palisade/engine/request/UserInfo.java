package dev.palisade.engine.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who made a request, as authentication established it (Kubernetes' user.Info). */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    public UserInfo {
        name = Objects.requireNonNullElse(name, "");
        uid = Objects.requireNonNullElse(uid, "");
        groups = groups == null ? List.of() : List.copyOf(groups);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        extra = java.util.Collections.unmodifiableMap(copy);
    }

    public static UserInfo of(String name, String... groups) {
        return new UserInfo(name, "", List.of(groups), Map.of());
    }
}
