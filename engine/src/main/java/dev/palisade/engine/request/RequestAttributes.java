package dev.palisade.engine.request;

import dev.palisade.Api;
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
@Api
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

    /**
     * Starts a request by name rather than by position:
     * {@code RequestAttributes.builder().user(alice).verb("get").resource("pods").namespace("prod").build()}.
     */
    public static Builder builder() {
        return new Builder();
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

    /**
     * Builds a request attribute by attribute. Setting {@link #resource} makes it a resource
     * request, setting {@link #path} a non-resource request; both at once is refused by {@link #build()}.
     */
    public static final class Builder {
        private UserInfo user;
        private String verb = "";
        private String namespace = "";
        private String apiGroup = "";
        private String apiVersion = "";
        private String resource = "";
        private String subresource = "";
        private String name = "";
        private String path = "";

        private Builder() {
        }

        public Builder user(UserInfo value) { this.user = value; return this; }
        public Builder verb(String value) { this.verb = value; return this; }
        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder apiGroup(String value) { this.apiGroup = value; return this; }
        public Builder apiVersion(String value) { this.apiVersion = value; return this; }
        /** The plural resource, e.g. {@code pods}; makes this a resource request. */
        public Builder resource(String value) { this.resource = value; return this; }
        public Builder subresource(String value) { this.subresource = value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        /** The URL path of a non-resource request, e.g. {@code /healthz}. */
        public Builder path(String value) { this.path = value; return this; }

        /**
         * @throws IllegalStateException when there is no verb, or both a resource and a path
         */
        public RequestAttributes build() {
            if (verb == null || verb.isEmpty()) {
                throw new IllegalStateException("a request needs a verb");
            }
            boolean hasResource = resource != null && !resource.isEmpty();
            boolean hasPath = path != null && !path.isEmpty();
            if (hasResource && hasPath) {
                throw new IllegalStateException("a request is either a resource request or a non-resource (path) request, not both");
            }
            if (hasPath) {
                return new RequestAttributes(user, verb, "", "", "", "", "", "", false, path);
            }
            return new RequestAttributes(user, verb, namespace, apiGroup, apiVersion, resource, subresource, name, true, "");
        }
    }
}
