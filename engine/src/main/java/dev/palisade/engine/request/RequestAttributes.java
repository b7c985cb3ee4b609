package dev.palisade.engine.request;

import dev.palisade.dsl.runtime.AuthzInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes of one API request, as the apiserver's authorizer.Attributes carries them.
 * A resource request has {@code resourceRequest} true and uses verb, namespace, apiGroup,
 * apiVersion, resource, subresource and name; a non-resource request uses verb and path.
 * Absent strings are "" (never null).
 */
public record RequestAttributes(
        UserInfo user,
        String verb,
        String namespace,
        String apiGroup,
        String apiVersion,
        String resource,
        String subresource,
        String name,
        boolean resourceRequest,
        String path) implements AuthzInput {

    public RequestAttributes {
        user = Objects.requireNonNullElse(user, new UserInfo("", "", List.of(), Map.of()));
        verb = Objects.requireNonNullElse(verb, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        apiVersion = Objects.requireNonNullElse(apiVersion, "");
        resource = Objects.requireNonNullElse(resource, "");
        subresource = Objects.requireNonNullElse(subresource, "");
        name = Objects.requireNonNullElse(name, "");
        path = Objects.requireNonNullElse(path, "");
    }

    /** A resource request: {@code verb resource[/subresource] [name] in namespace}. */
    public static RequestAttributes resource(UserInfo user, String verb, String namespace, String apiGroup,
                                             String resource, String subresource, String name) {
        return new RequestAttributes(user, verb, namespace, apiGroup, "", resource, subresource, name, true, "");
    }

    /** A non-resource request: {@code verb path}. */
    public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, verb, "", "", "", "", "", "", false, path);
    }

    @Override public String userName() { return user.name(); }
    @Override public String userUid() { return user.uid(); }
    @Override public List<String> userGroups() { return user.groups(); }
    @Override public Map<String, List<String>> userExtra() { return user.extra(); }

    /** A short human description, e.g. {@code get pods/log "web-1" in namespace "prod"}. */
    public String describe() {
        if (!resourceRequest) {
            return verb + " " + path;
        }
        StringBuilder b = new StringBuilder(verb).append(' ');
        b.append(apiGroup.isEmpty() ? "" : apiGroup + "/").append(resource);
        if (!subresource.isEmpty()) {
            b.append('/').append(subresource);
        }
        if (!name.isEmpty()) {
            b.append(" \"").append(name).append('"');
        }
        b.append(namespace.isEmpty() ? " (cluster-wide)" : " in namespace \"" + namespace + "\"");
        return b.toString();
    }
}
