package dev.palisade.engine.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the apiserver's RequestInfoFactory (k8s.io/apiserver/pkg/endpoints/request) derives from
 * a request URI, ported so that replay authorizes exactly the attributes the apiserver did.
 * This matters because an audit event's {@code objectRef} is filled in later than
 * authorization: for a {@code create} it carries the new object's name, which the authorizer
 * never saw (so a {@code resourceNames} rule must not match it).
 */
public record RequestInfo(boolean resourceRequest, String path, String apiGroup, String apiVersion,
                          String namespace, String resource, String subresource, String name) {
    private static final java.util.Set<String> SPECIAL_VERBS = java.util.Set.of("proxy", "watch");
    private static final java.util.Set<String> NAMESPACE_SUBRESOURCES = java.util.Set.of("status", "finalize");

    /** Parses {@code requestURI} (path and query) as the apiserver would for this verb. */
    public static RequestInfo parse(String requestURI, String verb) {
        int q = requestURI.indexOf('?');
        String path = q < 0 ? requestURI : requestURI.substring(0, q);
        String query = q < 0 ? "" : requestURI.substring(q + 1);
        RequestInfo nonResource = new RequestInfo(false, path, "", "", "", "", "", "");
        String[] parts = split(path);
        if (parts.length < 3 || !(parts[0].equals("api") || parts[0].equals("apis"))) {
            return nonResource;
        }
        String apiGroup = "";
        int i = 1;
        if (parts[0].equals("apis")) {
            // the prefix is consumed; a group request needs group, version and a resource
            if (parts.length - i < 3) {
                return nonResource;
            }
            apiGroup = parts[i++];
        }
        String apiVersion = parts[i++];
        if (i < parts.length && SPECIAL_VERBS.contains(parts[i])) {
            if (parts.length - i < 2) {
                return nonResource; // the apiserver rejects these; nothing to authorize as a resource
            }
            i++;
        }
        String[] rest = Arrays.copyOfRange(parts, i, parts.length);
        String namespace = "";
        if (rest.length > 0 && rest[0].equals("namespaces")) {
            if (rest.length > 1) {
                namespace = rest[1];
                if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.contains(rest[2])) {
                    rest = Arrays.copyOfRange(rest, 2, rest.length);
                }
            }
        }
        String resource = rest.length >= 1 ? rest[0] : "";
        String name = rest.length >= 2 ? rest[1] : "";
        // upstream (specialVerbsNoSubresources): a proxy path's third part is the proxied path, not a subresource
        String subresource = rest.length >= 3 && !"proxy".equals(verb) ? rest[2] : "";
        if (name.isEmpty() && ("list".equals(verb) || "watch".equals(verb))) {
            name = nameFromFieldSelector(query);
        }
        return new RequestInfo(true, path, apiGroup, apiVersion, namespace, resource, subresource, name);
    }

    private static String[] split(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** list/watch with {@code fieldSelector=metadata.name=X} are authorized for name X (since Kubernetes 1.x). */
    private static String nameFromFieldSelector(String query) {
        if (query.isEmpty()) {
            return "";
        }
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !decode(param.substring(0, eq)).equals("fieldSelector")) {
                continue;
            }
            String name = "";
            for (String requirement : decode(param.substring(eq + 1)).split(",")) {
                String r = requirement.trim();
                String value = null;
                if (r.startsWith("metadata.name==")) {
                    value = r.substring("metadata.name==".length());
                } else if (r.startsWith("metadata.name=")) {
                    value = r.substring("metadata.name=".length());
                }
                if (value != null) {
                    name = value.trim();
                }
            }
            return name;
        }
        return "";
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a bad escape: the apiserver would have rejected the request; keep the raw text
        }
    }
}
