package dev.palisade.dsl.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives the schema table ({@code dsl/src/main/resources/dev/palisade/dsl/schema/kubernetes.schema},
 * read by {@link KubernetesSchema}) from the Kubernetes OpenAPI v2 document. Only the derived table
 * is kept in the project, never the document (its SOURCE.md asks for that).
 *
 * <p>Regenerate after updating {@code shared/k8s-openapi/swagger.json}:
 * <pre>
 * mvn -B -ntp -pl dsl test -Dtest=KubernetesSchemaTableTest -Dpalisade.schema.regenerate=true
 * </pre>
 * Without the switch the same test fails when the checked-in table differs from what this class
 * derives (and skips, saying why, where the document is absent). The document is found beside the
 * project ({@code ../shared/k8s-openapi/swagger.json}, walking up) or at {@code PALISADE_OPENAPI_FILE}.
 *
 * <p>How OpenAPI maps to the table, following how the apiserver's Go decoder reads JSON:
 * {@code string} (any format: byte, date-time) → string; {@code integer} int32 → int32, other → int64;
 * {@code number} → number; {@code boolean} → boolean; {@code array} → [items];
 * {@code object} with additionalProperties → {values}; {@code $ref} to Quantity → quantity, to
 * IntOrString (or format int-or-string) → int-or-string, to RawExtension or FieldsV1 (custom
 * decoders that keep raw JSON), to a definition with no type (apiextensions JSON and its "Or"
 * unions), or anything with x-kubernetes-preserve-unknown-fields → any; to a definition that is a
 * plain string (Time, MicroTime) → string; {@code object} without properties or additionalProperties → any.
 */
public final class KubernetesSchemaGenerator {
    static final String PREFIX = "io.k8s.";
    private static final Set<String> RAW_JSON = Set.of(
            "io.k8s.apimachinery.pkg.runtime.RawExtension", "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1");
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    private final JsonNode definitions;

    private KubernetesSchemaGenerator(JsonNode swagger) {
        this.definitions = swagger.path("definitions");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KubernetesSchemaGenerator SWAGGER_JSON RELEASE OUTPUT");
            System.exit(2);
        }
        Files.writeString(Path.of(args[2]), generate(Path.of(args[0]), args[1]), StandardCharsets.UTF_8);
    }

    /** The table for a document; {@code release} (e.g. 1.36) is named by the document's SOURCE.md, not inside it. */
    public static String generate(Path swaggerJson, String release) throws IOException {
        return generate(new ObjectMapper().readTree(swaggerJson.toFile()), release);
    }

    public static String generate(JsonNode swagger, String release) {
        return new KubernetesSchemaGenerator(swagger).table(release);
    }

    private String table(String release) {
        StringBuilder out = new StringBuilder();
        out.append("# Field types of the built-in Kubernetes kinds, derived from the Kubernetes OpenAPI v2 document\n")
                .append("# of release ").append(release).append(" by dev.palisade.dsl.schema.KubernetesSchemaGenerator. Do not edit: regenerate.\n")
                .append("release ").append(release).append('\n');
        Map<String, String> kinds = new TreeMap<>();
        Map<String, List<String>> defs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode def = e.getValue();
            if (!def.has("properties")) {
                continue; // not an object with fields: referenced as a primitive (see ref)
            }
            List<String> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = def.path("properties").fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> p = f.next();
                fields.add(p.getKey() + " " + type(p.getValue()));
            }
            fields.sort(null);
            defs.put(name(e.getKey()), fields);
            for (JsonNode gvk : def.path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText("");
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                kinds.put(apiVersion + " " + gvk.path("kind").asText(), name(e.getKey()));
            }
        }
        kinds.forEach((gvk, def) -> out.append("kind ").append(gvk).append(' ').append(def).append('\n'));
        defs.forEach((def, fields) -> {
            out.append("def ").append(def).append('\n');
            fields.forEach(f -> out.append("  ").append(f).append('\n'));
        });
        return out.toString();
    }

    private String type(JsonNode p) {
        if (p.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return "any";
        }
        if (p.has("$ref")) {
            return ref(p.get("$ref").asText());
        }
        if ("int-or-string".equals(p.path("format").asText()) || p.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return "int-or-string";
        }
        return switch (p.path("type").asText("")) {
            case "string" -> "string";
            case "integer" -> "int32".equals(p.path("format").asText()) ? "int32" : "int64";
            case "number" -> "number";
            case "boolean" -> "boolean";
            case "array" -> "[" + type(p.path("items")) + "]";
            case "object" -> p.has("additionalProperties") && p.get("additionalProperties").isObject()
                    ? "{" + type(p.get("additionalProperties")) + "}" : "any";
            default -> "any";
        };
    }

    private String ref(String ref) {
        String target = ref.substring(ref.lastIndexOf('/') + 1);
        if (target.equals(QUANTITY)) {
            return "quantity";
        }
        if (RAW_JSON.contains(target)) {
            return "any";
        }
        JsonNode def = definitions.path(target);
        if (def.has("properties")) {
            return "@" + name(target);
        }
        return type(def); // a definition that is a primitive (Time, IntOrString) or free-form (JSON)
    }

    static String name(String definition) {
        return definition.startsWith(PREFIX) ? definition.substring(PREFIX.length()) : definition;
    }
}
