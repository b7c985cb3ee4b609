package dev.palisade.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code authentication} section (and the webhook settings of a {@code Webhook}
 * authorizer) as strictly as {@link ConfigLoader} reads the rest: unknown fields, wrong types,
 * missing files and bad durations are errors naming {@code file:line:col}, added to the loader's
 * list so that every problem of the file is reported at once.
 *
 * <pre>
 * authentication:
 *   anonymous: {enabled: false}
 *   authenticators:
 *     - type: TokenFile        # file: tokens.csv
 *     - type: BasicAuthFile    # file: users.csv
 *     - type: X509             # clientCAFile: ca.pem
 *     - type: ServiceAccount   # issuers: [...], audiences: [...], keyFiles: [...], acceptLegacyTokens: true
 *     - type: Webhook          # webhook: {url, caFile, timeout, cacheTTL, failureCacheTTL}, audiences: [...]
 *   policies:                  # DSL authn rules judging every success
 *     paths: [authn/]
 * </pre>
 */
final class AuthenticationConfigReader {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final List<String> problems;
    private final ConfigNodes nodes;

    AuthenticationConfigReader(Path file, List<String> problems) {
        this.file = file;
        this.problems = problems;
        this.nodes = new ConfigNodes(file, problems);
    }

    AuthenticationConfig read(Node section) {
        if (!(section instanceof MappingNode map)) {
            problems.add(place(section) + ": \"authentication\" must be a mapping with \"authenticators\"");
            return AuthenticationConfig.none();
        }
        Map<String, Node> f = fields(map, "authentication", Set.of("anonymous", "authenticators", "policies"));
        boolean anonymous = false;
        if (f.containsKey("anonymous")) {
            if (f.get("anonymous") instanceof MappingNode a) {
                Node enabled = fields(a, "anonymous", Set.of("enabled")).get("enabled");
                anonymous = enabled != null && bool(enabled, "enabled", false);
            } else {
                problems.add(place(f.get("anonymous")) + ": \"anonymous\" must be a mapping, e.g. {enabled: true}");
            }
        }
        List<AuthenticationConfig.Authenticator> out = new ArrayList<>();
        Node list = f.get("authenticators");
        if (list instanceof SequenceNode seq) {
            Set<String> names = new HashSet<>();
            for (Node entry : seq.getValue()) {
                AuthenticationConfig.Authenticator a = authenticator(entry);
                if (a != null) {
                    if (!names.add(a.name())) {
                        problems.add(a.location() + ": authenticator name \"" + a.name() + "\" is used twice; give each a distinct \"name\"");
                    }
                    out.add(a);
                }
            }
        } else if (list != null) {
            problems.add(place(list) + ": \"authenticators\" must be a list");
        }
        AuthenticationConfig.Policies policies = f.containsKey("policies") ? policies(f.get("policies")) : null;
        return new AuthenticationConfig(anonymous, out, policies);
    }

    /** {@code policies: {paths: [...]}}; paths are files or folders, relative to the configuration. */
    private AuthenticationConfig.Policies policies(Node node) {
        if (!(node instanceof MappingNode map)) {
            problems.add(place(node) + ": \"policies\" must be a mapping, e.g. {paths: [authn/]}");
            return null;
        }
        Node paths = fields(map, "policies", Set.of("paths")).get("paths");
        if (paths == null) {
            problems.add(place(map) + ": \"policies\" needs \"paths\" (policy files or folders with reject rules)");
            return null;
        }
        if (!(paths instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(place(paths) + ": \"paths\" must be a non-empty list, e.g. [authn/]");
            return null;
        }
        Path base = file.getParent() == null ? Path.of("") : file.getParent();
        List<Path> out = new ArrayList<>();
        for (Node p : seq.getValue()) {
            String text = scalar(p, "path");
            if (text == null) {
                continue;
            }
            Path resolved = base.resolve(text).normalize();
            if (!Files.exists(resolved)) {
                problems.add(place(p) + ": path \"" + text + "\" does not exist (resolved to " + resolved + ")");
            } else if (!nodes.refused(p, text, resolved)) {
                out.add(resolved);
            }
        }
        return out.isEmpty() ? null : new AuthenticationConfig.Policies(out, place(map));
    }

    private AuthenticationConfig.Authenticator authenticator(Node entry) {
        if (!(entry instanceof MappingNode map)) {
            problems.add(place(entry) + ": an authenticator must be a mapping with a \"type\"");
            return null;
        }
        Node typeNode = map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals("type"))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
        String spellings = String.join(", ", Arrays.stream(AuthenticationConfig.Type.values())
                .map(AuthenticationConfig.Type::spelling).toList());
        if (typeNode == null) {
            problems.add(place(map) + ": authenticator is missing \"type\" (one of " + spellings + ")");
            return null;
        }
        String typeText = scalar(typeNode, "type");
        AuthenticationConfig.Type type = Arrays.stream(AuthenticationConfig.Type.values())
                .filter(t -> t.spelling().equals(typeText)).findFirst().orElse(null);
        if (type == null) {
            if (typeText != null) {
                problems.add(place(typeNode) + ": unknown authenticator type \"" + typeText + "\" (known: " + spellings + ")");
            }
            return null;
        }
        Set<String> known = switch (type) {
            case BASIC_AUTH_FILE, TOKEN_FILE -> Set.of("type", "name", "file");
            case X509 -> Set.of("type", "name", "clientCAFile");
            case SERVICE_ACCOUNT -> Set.of("type", "name", "issuers", "audiences", "keyFiles", "acceptLegacyTokens");
            case WEBHOOK -> Set.of("type", "name", "webhook", "audiences");
        };
        Map<String, Node> f = fields(map, type.spelling() + " authenticator", known);
        String name = f.containsKey("name") ? scalar(f.get("name"), "name") : type.spelling();
        Path credentialFile = null;
        Path ca = null;
        List<String> issuers = List.of();
        List<String> audiences = f.containsKey("audiences") ? strings(f.get("audiences"), "audiences") : List.of();
        List<Path> keyFiles = List.of();
        boolean legacy = true;
        AuthenticationConfig.Webhook webhook = null;
        switch (type) {
            case BASIC_AUTH_FILE, TOKEN_FILE -> credentialFile = requiredFile(f, map, "file");
            case X509 -> ca = requiredFile(f, map, "clientCAFile");
            case SERVICE_ACCOUNT -> {
                issuers = f.containsKey("issuers") ? strings(f.get("issuers"), "issuers") : List.of();
                legacy = !f.containsKey("acceptLegacyTokens") || bool(f.get("acceptLegacyTokens"), "acceptLegacyTokens", true);
                if (issuers.isEmpty() && !legacy) {
                    problems.add(place(map) + ": ServiceAccount authenticator needs \"issuers\" (or acceptLegacyTokens: true)");
                }
                if (!f.containsKey("keyFiles")) {
                    problems.add(place(map) + ": ServiceAccount authenticator needs \"keyFiles\" (PEM public keys)");
                } else {
                    keyFiles = files(f.get("keyFiles"), "keyFiles");
                }
            }
            case WEBHOOK -> {
                if (!f.containsKey("webhook")) {
                    problems.add(place(map) + ": Webhook authenticator needs \"webhook\" ({url, caFile, timeout, cacheTTL, failureCacheTTL})");
                } else {
                    webhook = webhook(f.get("webhook"), false);
                }
            }
        }
        return new AuthenticationConfig.Authenticator(type, name == null ? type.spelling() : name, credentialFile, ca, issuers,
                audiences, keyFiles, legacy, webhook, place(map));
    }

    /**
     * Webhook connection and cache settings. For an authenticator: {@code cacheTTL} (2m) and
     * {@code failureCacheTTL} (30s); for an authorizer: {@code authorizedTTL} (5m),
     * {@code unauthorizedTTL} (30s) and {@code failurePolicy} (Deny or NoOpinion, default Deny).
     */
    AuthenticationConfig.Webhook webhook(Node node, boolean authorizer) {
        if (!(node instanceof MappingNode map)) {
            problems.add(place(node) + ": \"webhook\" must be a mapping with \"url\"");
            return null;
        }
        Set<String> known = authorizer
                ? Set.of("url", "caFile", "timeout", "authorizedTTL", "unauthorizedTTL", "failurePolicy")
                : Set.of("url", "caFile", "timeout", "cacheTTL", "failureCacheTTL");
        Map<String, Node> f = fields(map, "webhook", known);
        URI url = null;
        if (!f.containsKey("url")) {
            problems.add(place(map) + ": webhook needs \"url\" (https://...)");
        } else {
            String text = scalar(f.get("url"), "url");
            if (text != null) {
                try {
                    url = new URI(text);
                    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
                        problems.add(place(f.get("url")) + ": webhook url must be an https:// URL with a host");
                        url = null;
                    }
                } catch (URISyntaxException e) {
                    problems.add(place(f.get("url")) + ": webhook url is not a URL: " + e.getReason());
                }
            }
        }
        Path ca = f.containsKey("caFile") ? file(f.get("caFile"), "caFile") : null;
        Duration timeout = f.containsKey("timeout") ? duration(f.get("timeout"), "timeout") : DEFAULT_TIMEOUT;
        String positiveKey = authorizer ? "authorizedTTL" : "cacheTTL";
        String negativeKey = authorizer ? "unauthorizedTTL" : "failureCacheTTL";
        Duration positive = f.containsKey(positiveKey) ? duration(f.get(positiveKey), positiveKey)
                : authorizer ? Duration.ofMinutes(5) : Duration.ofMinutes(2);
        Duration negative = f.containsKey(negativeKey) ? duration(f.get(negativeKey), negativeKey) : Duration.ofSeconds(30);
        String failurePolicy = "Deny";
        if (f.containsKey("failurePolicy")) {
            String p = scalar(f.get("failurePolicy"), "failurePolicy");
            if (p != null && !p.equals("Deny") && !p.equals("NoOpinion")) {
                problems.add(place(f.get("failurePolicy")) + ": failurePolicy must be Deny or NoOpinion (a failing webhook never allows)");
            } else if (p != null) {
                failurePolicy = p;
            }
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            problems.add(place(f.get("timeout")) + ": timeout must be positive");
        }
        return new AuthenticationConfig.Webhook(url, ca, timeout == null ? DEFAULT_TIMEOUT : timeout,
                positive == null ? Duration.ZERO : positive, negative == null ? Duration.ZERO : negative, failurePolicy);
    }

    /** A file named relative to the configuration; a missing one is a problem (null returned). */
    Path file(Node node, String what) {
        String text = scalar(node, what);
        if (text == null) {
            return null;
        }
        Path base = file.getParent() == null ? Path.of("") : file.getParent();
        Path resolved = base.resolve(text).normalize();
        if (!Files.isRegularFile(resolved)) {
            problems.add(place(node) + ": " + what + " \"" + text + "\" is not a file (resolved to " + resolved + ")");
            return null;
        }
        return nodes.refused(node, text, resolved) ? null : resolved;
    }

    private Path requiredFile(Map<String, Node> f, MappingNode map, String key) {
        if (!f.containsKey(key)) {
            problems.add(place(map) + ": missing field \"" + key + "\"");
            return null;
        }
        return file(f.get(key), key);
    }

    private List<Path> files(Node node, String what) {
        List<Path> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(place(node) + ": \"" + what + "\" must be a non-empty list of files");
            return out;
        }
        for (Node n : seq.getValue()) {
            Path p = file(n, what);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problems.add(place(node) + ": \"" + what + "\" must be a list");
            return out;
        }
        for (Node n : seq.getValue()) {
            String s = scalar(n, what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean bool(Node node, String what, boolean fallback) {
        String s = scalar(node, what);
        if ("true".equals(s)) {
            return true;
        }
        if ("false".equals(s)) {
            return false;
        }
        if (s != null) {
            problems.add(place(node) + ": \"" + what + "\" must be true or false, not \"" + s + "\"");
        }
        return fallback;
    }

    /** Go-style durations: 500ms, 10s, 2m, 1h, 1m30s. */
    private Duration duration(Node node, String what) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            problems.add(place(node) + ": \"" + what + "\" is not a duration like 10s, 2m or 1h30m: \"" + s + "\"");
            return null;
        }
        return total;
    }

    private Map<String, Node> fields(MappingNode map, String what, Set<String> known) {
        return nodes.fields(map, what, known);
    }

    private String scalar(Node n, String what) {
        return nodes.scalar(n, what);
    }

    private String place(Node n) {
        return nodes.place(n);
    }
}
