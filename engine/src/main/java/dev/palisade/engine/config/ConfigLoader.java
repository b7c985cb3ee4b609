package dev.palisade.engine.config;

import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.file.Files;
import dev.palisade.engine.authz.FailurePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code palisade.yaml} strictly: an unknown field or type, a missing file, or a value of
 * the wrong shape is an error naming {@code file:line:col}. All problems are reported together.
 * The YAML is walked as a node tree (not bound to classes) so that every value keeps its place.
 */
public final class ConfigLoader {
    public static final String API_VERSION = "palisade.dev/v1alpha1";
    public static final String KIND = "Configuration";

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private final ConfigNodes nodes;

    private ConfigLoader(Path file) {
        this.file = file;
        this.nodes = new ConfigNodes(file, problems);
    }

    public static Configuration load(Path file) {
        return new ConfigLoader(file).read();
    }

    private Configuration read() {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found");
        }
        Node root;
        try {
            root = SafeYaml.compose(file.toString(), SafeYaml.decode(file.toString(), Files.readAllBytes(file)), YamlLimits.CONFIG);
        } catch (YamlReadException e) {
            throw new ConfigException(e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        if (!(root instanceof MappingNode top)) {
            throw new ConfigException(file + ":1:1: expected a mapping with apiVersion, kind and authorization, authentication or admission");
        }
        Map<String, Node> fields = fields(top, "configuration", Set.of("apiVersion", "kind", "authorization", "admission", "authentication", "limits"));
        expectScalar(fields, top, "apiVersion", API_VERSION);
        expectScalar(fields, top, "kind", KIND);
        List<AuthorizerConfig> authorizers = new ArrayList<>();
        int cacheEntries = 0;
        Node authz = fields.get("authorization");
        if (authz == null) {
            // an admission-only or authentication-only configuration is whole; with no stage at all
            // there is nothing to run
            if (!fields.containsKey("admission") && !fields.containsKey("authentication")) {
                problems.add(place(top) + ": missing field \"authorization\" (a configuration needs at least one of "
                        + "authorization, authentication, admission)");
            }
        } else if (authz instanceof MappingNode authzMap) {
            Map<String, Node> af = fields(authzMap, "authorization", Set.of("authorizers", "cache"));
            Node list = af.get("authorizers");
            if (list == null) {
                problems.add(place(authz) + ": missing field \"authorizers\"");
            } else if (list instanceof SequenceNode seq) {
                if (seq.getValue().isEmpty()) {
                    problems.add(place(seq) + ": \"authorizers\" is empty; name at least one authorizer");
                }
                for (Node entry : seq.getValue()) {
                    AuthorizerConfig a = authorizer(entry);
                    if (a != null) {
                        authorizers.add(a);
                    }
                }
            } else {
                problems.add(place(list) + ": \"authorizers\" must be a list");
            }
            if (af.containsKey("cache")) {
                cacheEntries = decisionCache(af.get("cache"), authorizers);
            }
        } else {
            problems.add(place(authz) + ": \"authorization\" must be a mapping");
        }
        checkUniqueNames(authorizers);
        List<AdmissionPluginConfig> admission = fields.containsKey("admission")
                ? new AdmissionConfigReader(file, problems).read(fields.get("admission")) : List.of();
        AuthenticationConfig authentication = fields.containsKey("authentication")
                ? new AuthenticationConfigReader(file, problems).read(fields.get("authentication")) : AuthenticationConfig.none();
        Limits limits = fields.containsKey("limits") ? new LimitsConfigReader(nodes).read(fields.get("limits")) : Limits.DEFAULTS;
        if (problems.isEmpty() && authz == null && admission.isEmpty() && authentication.equals(AuthenticationConfig.none())) {
            problems.add(place(top) + ": this configuration runs nothing: give authorization authorizers, admission plugins or "
                    + "authentication authenticators");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(file, authorizers, admission, authentication, cacheEntries, limits);
    }

    /**
     * {@code cache: {maxEntries: N}}, N >= 1. Refused with a chain that has a webhook: its answers can
     * change while the engine lives, so a cached decision could outlive the webhook's mind.
     */
    private int decisionCache(Node node, List<AuthorizerConfig> authorizers) {
        if (!(node instanceof MappingNode map)) {
            problems.add(place(node) + ": \"cache\" must be a mapping with maxEntries");
            return 0;
        }
        Map<String, Node> f = fields(map, "cache", Set.of("maxEntries"));
        Node max = f.get("maxEntries");
        if (max == null) {
            problems.add(place(node) + ": missing field \"maxEntries\" in cache");
            return 0;
        }
        String text = scalar(max, "maxEntries");
        if (text == null) {
            return 0;
        }
        int entries;
        try {
            entries = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            entries = 0;
        }
        if (entries < 1) {
            problems.add(place(max) + ": maxEntries must be a whole number >= 1, got \"" + text + "\"");
            return 0;
        }
        for (AuthorizerConfig a : authorizers) {
            if (a.type() == AuthorizerType.WEBHOOK) {
                problems.add(place(node) + ": a decision cache cannot front the Webhook authorizer \"" + a.name()
                        + "\" (" + a.location() + "): its answers may change at any time; remove the cache or the webhook");
            }
        }
        return entries;
    }

    private AuthorizerConfig authorizer(Node entry) {
        if (!(entry instanceof MappingNode map)) {
            problems.add(place(entry) + ": an authorizer must be a mapping with a \"type\"");
            return null;
        }
        // the fields an entry may have depend on its type: ABAC names a policyFile, Webhook its connection
        AuthorizerType declared = map.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("type") && t.getValueNode() instanceof ScalarNode)
                .flatMap(t -> AuthorizerType.bySpelling(((ScalarNode) t.getValueNode()).getValue()).stream())
                .findFirst().orElse(null);
        Set<String> known = declared == AuthorizerType.ABAC ? Set.of("type", "name", "policyFile", "failurePolicy")
                : declared == AuthorizerType.WEBHOOK ? Set.of("type", "name", "webhook", "failurePolicy")
                : Set.of("type", "name", "paths", "failurePolicy");
        Map<String, Node> f = fields(map, "authorizer", known);
        String typeText = scalar(f.get("type"), "type");
        if (f.get("type") == null) {
            problems.add(place(map) + ": authorizer is missing \"type\" (one of " + AuthorizerType.allSpellings() + ")");
            return null;
        }
        if (typeText == null) {
            return null;
        }
        AuthorizerType type = AuthorizerType.bySpelling(typeText).orElse(null);
        if (type == null) {
            problems.add(place(f.get("type")) + ": unknown authorizer type \"" + typeText
                    + "\" (known: " + AuthorizerType.allSpellings() + ")");
            return null;
        }
        String name = f.containsKey("name") ? scalar(f.get("name"), "name") : type.spelling();
        List<Path> paths = new ArrayList<>();
        Node pathsNode = f.get("paths");
        if (type.needsPaths()) {
            if (pathsNode == null) {
                problems.add(place(map) + ": authorizer of type " + type.spelling() + " needs \"paths\"");
            } else {
                paths = paths(pathsNode);
            }
        } else if (pathsNode != null) {
            problems.add(place(pathsNode) + ": authorizer of type " + type.spelling() + " takes no \"paths\"");
        }
        Path policyFile = null;
        AuthenticationConfig.Webhook webhook = null;
        AuthenticationConfigReader extra = new AuthenticationConfigReader(file, problems);
        if (type == AuthorizerType.ABAC) {
            if (f.get("policyFile") == null) {
                problems.add(place(map) + ": authorizer of type ABAC needs \"policyFile\"");
            } else {
                policyFile = extra.file(f.get("policyFile"), "policyFile");
            }
        }
        if (type == AuthorizerType.WEBHOOK) {
            if (f.get("webhook") == null) {
                problems.add(place(map) + ": authorizer of type Webhook needs \"webhook\" ({url, caFile, timeout, authorizedTTL, unauthorizedTTL, failurePolicy})");
            } else {
                webhook = extra.webhook(f.get("webhook"), true);
            }
        }
        FailurePolicy failurePolicy = null;
        if (f.get("failurePolicy") != null) {
            String p = scalar(f.get("failurePolicy"), "failurePolicy");
            failurePolicy = p == null ? null : FailurePolicy.bySpelling(p).orElse(null);
            if (p != null && failurePolicy == null) {
                problems.add(place(f.get("failurePolicy")) + ": failurePolicy must be Deny or NoOpinion (a failing authorizer never allows)");
            }
        }
        if (failurePolicy != null && webhook != null) {
            // one setting, two places: the authorizer's failurePolicy is the webhook's
            webhook = new AuthenticationConfig.Webhook(webhook.url(), webhook.caFile(), webhook.timeout(),
                    webhook.positiveTTL(), webhook.negativeTTL(), failurePolicy.spelling());
        }
        return new AuthorizerConfig(type, name == null ? type.spelling() : name, paths, place(map), policyFile, webhook, failurePolicy);
    }

    private List<Path> paths(Node node) {
        return nodes.existingPaths(node, "[policies/]");
    }

    private void checkUniqueNames(List<AuthorizerConfig> authorizers) {
        Map<String, AuthorizerConfig> seen = new HashMap<>();
        for (AuthorizerConfig a : authorizers) {
            AuthorizerConfig before = seen.putIfAbsent(a.name(), a);
            if (before != null) {
                problems.add(a.location() + ": authorizer name \"" + a.name() + "\" is used twice (first at "
                        + before.location() + "); give each a distinct \"name\"");
            }
        }
    }

    private Map<String, Node> fields(MappingNode map, String what, Set<String> known) {
        return nodes.fields(map, what, known);
    }

    private void expectScalar(Map<String, Node> fields, Node parent, String key, String expected) {
        Node n = fields.get(key);
        if (n == null) {
            problems.add(place(parent) + ": missing field \"" + key + "\" (expected \"" + expected + "\")");
            return;
        }
        String v = scalar(n, key);
        if (v != null && !v.equals(expected)) {
            problems.add(place(n) + ": " + key + " is \"" + v + "\", expected \"" + expected + "\"");
        }
    }

    private String scalar(Node n, String what) {
        return nodes.scalar(n, what);
    }

    private String place(Node n) {
        return nodes.place(n);
    }
}
