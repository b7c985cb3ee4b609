package dev.palisade.engine.request;

import dev.palisade.Api;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who made a request, as authentication established it (Kubernetes' user.Info). */
@Api
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

    /** Starts a user by name: {@code UserInfo.builder().name("alice").group("dev").extra("scopes", "a", "b").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a user attribute by attribute; groups and extra values keep the order they were added in. */
    public static final class Builder {
        private String name = "";
        private String uid = "";
        private final List<String> groups = new ArrayList<>();
        private final Map<String, List<String>> extra = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder uid(String value) { this.uid = value; return this; }
        public Builder group(String value) { groups.add(Objects.requireNonNull(value, "group")); return this; }
        public Builder groups(Collection<String> values) { values.forEach(this::group); return this; }

        /** Adds values under an extra key (e.g. {@code authentication.kubernetes.io/credential-id}). */
        public Builder extra(String key, String... values) {
            extra.computeIfAbsent(Objects.requireNonNull(key, "extra key"), k -> new ArrayList<>()).addAll(List.of(values));
            return this;
        }

        public UserInfo build() {
            return new UserInfo(name, uid, groups, extra);
        }
    }
}
