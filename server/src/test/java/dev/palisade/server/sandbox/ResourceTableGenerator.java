package dev.palisade.server.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives {@code resources.tsv} (the sandbox's table of built-in resources) from the Kubernetes
 * OpenAPI v2 document. Run once by hand when the document changes:
 * {@code java ... ResourceTableGenerator /work/shared/k8s-openapi/swagger.json server/src/main/resources/dev/palisade/server/sandbox/resources.tsv}
 * ({@link ResourceTableGeneratorTest} checks the checked-in table still matches when the document is present).
 *
 * <p>A resource is a path {@code /api/v1/[namespaces/{namespace}/]PLURAL[/{name}]} or
 * {@code /apis/G/V/...} (subresources, deeper paths, are left out); its verbs are the
 * {@code x-kubernetes-action}s of those paths (post = create, put = update) plus watch when a
 * {@code /watch/} path exists; its kind is the {@code x-kubernetes-group-version-kind} of them.
 */
public final class ResourceTableGenerator {
    private ResourceTableGenerator() {}

    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[1]), generate(Path.of(args[0])));
    }

    public static String generate(Path swagger) throws Exception {
        JsonNode paths = new ObjectMapper().readTree(swagger.toFile()).path("paths");
        record Acc(String group, String version, String plural, TreeSet<String> verbs, String[] kind, boolean[] namespaced) {}
        Map<String, Acc> table = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] s = e.getKey().substring(1).split("/");
            String group;
            String version;
            int i;
            if (s.length >= 3 && s[0].equals("api") && s[1].equals("v1")) {
                group = "";
                version = "v1";
                i = 2;
            } else if (s.length >= 4 && s[0].equals("apis")) {
                group = s[1];
                version = s[2];
                i = 3;
            } else {
                continue;
            }
            boolean watch = false;
            if (s[i].equals("watch")) {
                watch = true;
                i++;
            }
            boolean namespaced = false;
            if (s.length > i + 2 && s[i].equals("namespaces") && s[i + 1].equals("{namespace}")) {
                namespaced = true;
                i += 2;
            }
            int rest = s.length - i;
            if (rest < 1 || rest > 2 || (rest == 2 && !s[i + 1].equals("{name}")) || s[i].startsWith("{")) {
                continue;
            }
            String plural = s[i];
            Acc acc = table.computeIfAbsent(group + "/" + version + "/" + plural,
                    k -> new Acc(group, version, plural, new TreeSet<>(), new String[1], new boolean[1]));
            acc.namespaced()[0] |= namespaced;
            if (watch) {
                acc.verbs().add("watch");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = e.getValue().fields(); ops.hasNext(); ) {
                JsonNode op = ops.next().getValue();
                String action = op.path("x-kubernetes-action").asText("");
                switch (action) {
                    case "post" -> acc.verbs().add("create");
                    case "put" -> acc.verbs().add("update");
                    case "get", "list", "patch", "delete", "deletecollection" -> acc.verbs().add(action);
                    default -> { }
                }
                JsonNode gvk = op.path("x-kubernetes-group-version-kind");
                if (gvk.has("kind")) {
                    acc.kind()[0] = gvk.path("kind").asText();
                }
            }
        }
        StringBuilder out = new StringBuilder("# group\tversion\tkind\tplural\tnamespaced\tverbs"
                + " (derived from the Kubernetes OpenAPI v2 document by ResourceTableGenerator; do not edit)\n");
        for (Acc a : table.values()) {
            if (a.kind()[0] == null || a.verbs().isEmpty()) {
                continue;
            }
            out.append(a.group()).append('\t').append(a.version()).append('\t').append(a.kind()[0]).append('\t')
                    .append(a.plural()).append('\t').append(a.namespaced()[0]).append('\t')
                    .append(String.join(",", a.verbs())).append('\n');
        }
        return out.toString();
    }
}
