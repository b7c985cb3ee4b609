package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.engine.text.Printable;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The objects {@code admit --data} and {@code explain --data} give to {@code data.<resource>}
 * rules: files as {@code kubectl get ... -o yaml|json} writes them (one object, a {@code ---}
 * stream, or a {@code List} whose items are taken one by one). Each {@code --data} value is
 * {@code RESOURCE=FILE} (every object of the file goes to {@code data.RESOURCE}) or a bare
 * {@code FILE}, where each object goes to the resource its {@code kind} names, lower-cased and
 * pluralised as Kubernetes' RESTMapper guesses it (PodGroup → podgroups, NetworkPolicy →
 * networkpolicies, Ingress → ingresses). An object without a kind in a bare FILE is an error,
 * never a guess.
 */
final class ExistingObjects {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A resource name as Kubernetes spells them, then '='; a path with '=' elsewhere stays a path. */
    private static final Pattern RESOURCE_PREFIX = Pattern.compile("([a-z0-9][a-z0-9.-]*)=(.+)");
    /** Bounded as a cluster's RBAC dump is; a repeated key is an error, not a silent overwrite. */
    private static final YamlLimits LIMITS = new YamlLimits(YamlLimits.MAX_ALIASES, YamlLimits.MAX_NESTING_DEPTH,
            YamlLimits.RBAC_MAX_CODE_POINTS, YamlLimits.MAX_ALIAS_EXPANSION, false);

    private ExistingObjects() {}

    /** A --data value that could not be read, its message naming the file and the place. */
    static final class DataException extends Exception {
        private static final long serialVersionUID = 1L;

        DataException(String message) {
            super(message);
        }
    }

    /** Every object the values name, by plural resource, in file and document order. */
    static Map<String, List<JsonNode>> read(List<String> values) throws DataException {
        Map<String, List<JsonNode>> data = new LinkedHashMap<>();
        for (String value : values) {
            var m = RESOURCE_PREFIX.matcher(value);
            String resource = null;
            String file = value;
            if (m.matches() && !Files.exists(Path.of(value))) {
                resource = m.group(1);
                file = m.group(2);
            }
            for (JsonNode object : objects(file)) {
                String into = resource != null ? resource : resourceOf(file, object);
                data.computeIfAbsent(into, k -> new ArrayList<>()).add(object);
            }
            if (resource != null) {
                data.computeIfAbsent(resource, k -> new ArrayList<>()); // an empty list is data too: "none exist"
            }
        }
        data.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(data);
    }

    /** The objects of one file, Lists flattened. */
    private static List<JsonNode> objects(String file) throws DataException {
        Path path = Path.of(file);
        if (!Files.exists(path) || Files.isDirectory(path)) { // pipes (<(kubectl get ...)) are files too
            throw new DataException("--data " + Printable.escape(file) + ": no such file");
        }
        List<Object> documents;
        try {
            documents = SafeYaml.loadAll(file, SafeYaml.decode(file, Files.readAllBytes(path)), LIMITS);
        } catch (YamlReadException e) {
            throw new DataException("--data " + Printable.escape(e.getMessage()));
        } catch (IOException e) {
            throw new DataException("--data " + Printable.escape(file) + ": cannot read: " + e.getMessage());
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = JSON.valueToTree(documents.get(i));
            String where = Printable.escape(file) + (documents.size() > 1 ? " (document " + (i + 1) + ")" : "");
            if (!doc.isObject()) {
                throw new DataException("--data " + where + ": expected an object, got " + doc.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (doc.path("kind").asText("").endsWith("List") && doc.has("items")) {
                JsonNode items = doc.get("items");
                if (!items.isArray()) {
                    throw new DataException("--data " + where + ": items of a " + doc.path("kind").asText() + " must be a list");
                }
                for (int j = 0; j < items.size(); j++) {
                    if (!items.get(j).isObject()) {
                        throw new DataException("--data " + where + ": items[" + j + "] is not an object");
                    }
                    out.add(items.get(j));
                }
            } else {
                out.add(doc);
            }
        }
        return out;
    }

    private static String resourceOf(String file, JsonNode object) throws DataException {
        String kind = object.path("kind").asText("");
        if (kind.isEmpty()) {
            String name = object.path("metadata").path("name").asText("");
            throw new DataException("--data " + Printable.escape(file) + ": object " + (name.isEmpty() ? "" : "\"" + Printable.escape(name) + "\" ")
                    + "has no kind; name its resource: --data RESOURCE=" + Printable.escape(file));
        }
        return KubernetesSchema.plural(kind);
    }
}
