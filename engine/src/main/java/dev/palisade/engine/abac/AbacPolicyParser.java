package dev.palisade.engine.abac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one ABAC policy line (v0 or {@code abac.authorization.kubernetes.io/v1beta1}) and
 * converts it to the internal form exactly as the apiserver's conversion functions do.
 *
 * <p>Where the apiserver's lenient decoding would turn a mistake into a wider grant, this reader
 * refuses the line instead: an unknown key (a typo such as {@code "namspace"} would otherwise
 * be dropped, leaving a grant on every namespace), an unknown apiVersion or a missing kind (the
 * apiserver then re-reads the line as an unversioned v0 policy, whose empty subject means every
 * authenticated user), a value of the wrong type. Two spellings upstream reads differently are
 * accepted with a warning:
 * <ul>
 *   <li>{@code apiGroup} and {@code nonResourcePath} on a v0 line are ignored, as upstream does
 *       (v0 has no such fields; Kubernetes' own TestRulesFor relies on it);</li>
 *   <li>{@code ns} and {@code kind} on an unversioned line, the pre-v0 names used by upstream's
 *       example_policy_file.jsonl, are read as {@code namespace} and {@code resource}. Upstream
 *       drops them, which silently widens {@code {"user":"alice","ns":"projectCaribou"}} to every
 *       namespace; we take the narrower, intended reading.</li>
 * </ul>
 */
final class AbacPolicyParser {
    public static final String GROUP = "abac.authorization.kubernetes.io";
    public static final String V1BETA1 = GROUP + "/v1beta1";
    public static final String V0 = GROUP + "/v0";
    /** Kubernetes' user.AllAuthenticated, what a {@code *} or (in v0) an empty subject means. */
    public static final String ALL_AUTHENTICATED = "system:authenticated";

    private static final Set<String> V0_FIELDS = Set.of("user", "group", "readonly", "resource", "namespace");
    private static final Set<String> V0_IGNORED = Set.of("apiGroup", "nonResourcePath");
    private static final Map<String, String> V0_LEGACY = Map.of("ns", "namespace", "kind", "resource");
    private static final Set<String> V1BETA1_SPEC_FIELDS =
            Set.of("user", "group", "readonly", "apiGroup", "resource", "namespace", "nonResourcePath");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AbacPolicyParser() {}

    /** Parses the text of one line; {@code warn} receives notes about upstream-compatible readings. */
    public static AbacPolicy parseLine(String text, int line, String source, Consumer<String> warn)
            throws AbacParseException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AbacParseException("not a JSON object: " + e.getOriginalMessage());
        }
        return parse(node, line, source, warn);
    }

    /** Converts one policy object (as it would appear on a line) to the internal form. */
    public static AbacPolicy parse(JsonNode node, int line, String source, Consumer<String> warn)
            throws AbacParseException {
        if (node == null || !node.isObject()) {
            throw new AbacParseException("a policy line must be one JSON object");
        }
        JsonNode apiVersion = node.get("apiVersion");
        if (apiVersion == null || apiVersion.isNull()) {
            if (node.has("kind") && "Policy".equals(node.get("kind").asText())) {
                throw new AbacParseException("kind \"Policy\" without apiVersion; write \"apiVersion\": \"" + V1BETA1 + "\"");
            }
            return fromV0(node, line, source, warn, true);
        }
        if (!apiVersion.isTextual()) {
            throw new AbacParseException("apiVersion must be a string");
        }
        String kind = string(node, "kind", "kind");
        if (!"Policy".equals(kind)) {
            throw new AbacParseException("kind is \"" + kind + "\", expected \"Policy\"");
        }
        return switch (apiVersion.textValue()) {
            case V1BETA1 -> fromV1beta1(node, line, source);
            case V0 -> fromV0(node, line, source, warn, false);
            default -> throw new AbacParseException("apiVersion \"" + apiVersion.textValue()
                    + "\" is not an ABAC policy version (known: " + V1BETA1 + ", " + V0 + ")");
        };
    }

    private static AbacPolicy fromV1beta1(JsonNode node, int line, String source) throws AbacParseException {
        checkKeys(node, Set.of("apiVersion", "kind", "spec"), "policy");
        JsonNode spec = node.get("spec");
        if (spec == null || spec.isNull()) {
            throw new AbacParseException("a " + V1BETA1 + " policy needs \"spec\"");
        }
        if (!spec.isObject()) {
            throw new AbacParseException("spec must be an object");
        }
        checkKeys(spec, V1BETA1_SPEC_FIELDS, "spec");
        String user = string(spec, "user", "spec.user");
        String group = string(spec, "group", "spec.group");
        // In v1beta1 a * user or group means every authenticated subject
        if (user.equals("*") || group.equals("*")) {
            group = ALL_AUTHENTICATED;
            user = "";
        }
        return new AbacPolicy(user, group, bool(spec, "readonly", "spec.readonly"), string(spec, "apiGroup", "spec.apiGroup"),
                string(spec, "resource", "spec.resource"), string(spec, "namespace", "spec.namespace"),
                string(spec, "nonResourcePath", "spec.nonResourcePath"), line, source);
    }

    private static AbacPolicy fromV0(JsonNode node, int line, String source, Consumer<String> warn, boolean unversioned)
            throws AbacParseException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (key.equals("apiVersion") || key.equals("kind") && !unversioned) {
                continue;
            }
            if (V0_IGNORED.contains(key)) {
                warn.accept(source + ": \"" + key + "\" is not a v0 field and is ignored, as the apiserver ignores it;"
                        + " use apiVersion " + V1BETA1 + " to restrict by it");
                string(node, key, key);
                continue;
            }
            if (unversioned && V0_LEGACY.containsKey(key)) {
                String modern = V0_LEGACY.get(key);
                if (node.has(modern)) {
                    throw new AbacParseException("both \"" + key + "\" and \"" + modern + "\" are set; keep \"" + modern + "\"");
                }
                warn.accept(source + ": legacy key \"" + key + "\" read as \"" + modern + "\"");
                continue;
            }
            if (!V0_FIELDS.contains(key)) {
                throw new AbacParseException("unknown field \"" + key + "\" in a v0 policy (known: "
                        + String.join(", ", V0_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String user = string(node, "user", "user");
        String group = string(node, "group", "group");
        boolean readonly = bool(node, "readonly", "readonly");
        String resource = string(node, "resource", "resource");
        String namespace = string(node, "namespace", "namespace");
        if (unversioned) {
            resource = resource.isEmpty() ? string(node, "kind", "kind") : resource;
            namespace = namespace.isEmpty() ? string(node, "ns", "ns") : namespace;
        }
        String outGroup = group;
        String outUser = user;
        // In v0, an unspecified user and group matches all authenticated subjects
        if (user.isEmpty() && group.isEmpty()) {
            outGroup = ALL_AUTHENTICATED;
        }
        // In v0, a user or group of * matches all authenticated subjects
        if (user.equals("*") || group.equals("*")) {
            outGroup = ALL_AUTHENTICATED;
            outUser = "";
        }
        // In v0 an empty namespace or resource matches all; every rule matches all API groups;
        // leaving both blank also allows every non-resource path
        String nonResourcePath = namespace.isEmpty() && resource.isEmpty() ? "*" : "";
        return new AbacPolicy(outUser, outGroup, readonly, "*", resource.isEmpty() ? "*" : resource,
                namespace.isEmpty() ? "*" : namespace, nonResourcePath, line, source);
    }

    private static void checkKeys(JsonNode node, Set<String> known, String what) throws AbacParseException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                throw new AbacParseException("unknown field \"" + key + "\" in " + what + " (known: "
                        + String.join(", ", List.copyOf(known).stream().sorted().toList()) + ")");
            }
        }
    }

    private static String string(JsonNode parent, String field, String where) throws AbacParseException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw new AbacParseException(where + " must be a string, not " + n.getNodeType().name().toLowerCase());
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode parent, String field, String where) throws AbacParseException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new AbacParseException(where + " must be true or false, not " + n);
        }
        return n.booleanValue();
    }
}
