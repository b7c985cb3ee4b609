package dev.palisade.engine.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Port of the apiserver's {@code RequestInfoFactory.NewRequestInfo}: HTTP method, path and query
 * to request attributes. Paths under {@code /api/VERSION} and {@code /apis/GROUP/VERSION} are
 * resource requests; {@code watch} and {@code proxy} as the first segment are verbs; a GET
 * without a name is {@code list}, or {@code watch} with {@code ?watch=true}; a DELETE without a
 * name is {@code deletecollection}; {@code status} and {@code finalize} right after a namespace
 * are subresources of that namespace; {@code fieldSelector=metadata.name=X} names the object of
 * a list or watch. Everything else is a non-resource request with the lower-cased method as verb.
 */
public final class RequestInfoResolver {
    private static final Set<String> API_PREFIXES = Set.of("api", "apis");
    private static final Set<String> GROUPLESS_PREFIXES = Set.of("api");
    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
    private static final Set<String> SPECIAL_VERBS_NO_SUBRESOURCES = Set.of("proxy");
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    private RequestInfoResolver() {}

    /** {@code target} is the request target: a path with an optional {@code ?query}. */
    public static RequestInfo resolve(String method, String target) throws InvalidRequestException {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String path = decodePath(rawPath);
        String m = method.toUpperCase(Locale.ROOT);
        String lowerVerb = method.toLowerCase(Locale.ROOT);
        RequestInfo nonResource = new RequestInfo(false, path, lowerVerb, "", "", "", "", "", "", "", List.of());

        List<String> parts = splitPath(path);
        if (parts.size() < 3 || !API_PREFIXES.contains(parts.get(0))) {
            return nonResource;
        }
        String prefix = parts.get(0);
        parts = parts.subList(1, parts.size());
        String group = "";
        if (!GROUPLESS_PREFIXES.contains(prefix)) {
            if (parts.size() < 3) {
                return nonResource;
            }
            group = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        String version = parts.get(0);
        parts = parts.subList(1, parts.size());

        String verb;
        if (SPECIAL_VERBS.contains(parts.get(0))) {
            if (parts.size() < 2) {
                throw new InvalidRequestException("unable to determine kind and namespace from url " + target);
            }
            verb = parts.get(0);
            parts = parts.subList(1, parts.size());
        } else {
            verb = switch (m) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> "";
            };
        }

        String namespace = "";
        if (parts.get(0).equals("namespaces")) {
            if (parts.size() > 1) {
                namespace = parts.get(1);
                // another step after the namespace name that is not a namespace subresource is a resource of its own
                if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                    parts = parts.subList(2, parts.size());
                }
            }
        }

        String resource = "";
        String name = "";
        String subresource = "";
        if (parts.size() >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.contains(verb)) {
            subresource = parts.get(2);
        }
        if (parts.size() >= 2) {
            name = parts.get(1);
        }
        if (!parts.isEmpty()) {
            resource = parts.get(0);
        }

        // no name and "get": a list, or a watch when asked to
        if (name.isEmpty() && verb.equals("get")) {
            verb = watchRequested(query) ? "watch" : "list";
            String selected = fieldSelectorName(query);
            if (selected != null && isValidPathSegmentName(selected)) {
                name = selected;
            }
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new RequestInfo(true, path, verb, prefix, group, version, namespace, resource, subresource, name, parts);
    }

    /** Go's strings.Split(strings.Trim(path, "/"), "/"), with "" giving no parts. */
    static List<String> splitPath(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }

    /**
     * The {@code watch} query parameter as the parameter codec reads a bool (true/1/t...); a value
     * that is not a bool still means watch unless it is "false" or "0", as upstream's fallback.
     */
    static boolean watchRequested(String query) {
        List<String> values = queryValues(query, "watch");
        if (values.isEmpty()) {
            return false;
        }
        String v = values.get(0);
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> !v.equalsIgnoreCase("false") && !v.equals("0");
        };
    }

    /** The value of a {@code metadata.name=X} (or {@code ==}) term of the field selector, if any. */
    static String fieldSelectorName(String query) {
        List<String> values = queryValues(query, "fieldSelector");
        if (values.isEmpty()) {
            return null;
        }
        for (String term : values.get(0).split(",")) {
            String t = term.strip();
            for (String op : List.of("==", "=")) {
                if (t.startsWith("metadata.name" + op)) {
                    String v = t.substring(("metadata.name" + op).length());
                    return v.startsWith("=") ? null : v;
                }
            }
        }
        return null;
    }

    /** Kubernetes' IsValidPathSegmentName: not "." or "..", and no "/" or "%". */
    static boolean isValidPathSegmentName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/") && !name.contains("%");
    }

    private static List<String> queryValues(String query, String key) {
        List<String> out = new ArrayList<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            if (k.equals(key)) {
                out.add(eq < 0 ? "" : decodeQuery(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Percent-decoding of the path as Go's URL.Path holds it ("+" stays "+"). */
    private static String decodePath(String raw) throws InvalidRequestException {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid percent-encoding in path " + raw);
        }
    }
}
