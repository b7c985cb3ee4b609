package dev.palisade.engine.admission;

import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.dsl.schema.SchemaType;
import dev.palisade.dsl.schema.SchemaType.ArrayOf;
import dev.palisade.dsl.schema.SchemaType.MapOf;
import dev.palisade.dsl.schema.SchemaType.ObjectType;
import dev.palisade.dsl.schema.SchemaType.Primitive;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The schemas of custom resources, read from CustomResourceDefinition files
 * ({@code apiextensions.k8s.io/v1}, as {@code kubectl get crd -o yaml} writes them; several per
 * file and {@code List}s allowed), so that the checker can check the {@code object.*} paths of
 * admission rules on them as it does for built-in kinds. Each served version's
 * {@code openAPIV3Schema} becomes a type: {@code properties} an object with those fields,
 * {@code items} a list, {@code additionalProperties} with a schema a map,
 * {@code x-kubernetes-preserve-unknown-fields} or {@code additionalProperties: true} free-form,
 * {@code x-kubernetes-int-or-string} an integer or a string. {@code apiVersion}, {@code kind} and
 * {@code metadata} (ObjectMeta) are added as the apiserver serves them.
 *
 * <p>Every problem is reported with {@code file:line:col}, all of them at once; a file with a
 * problem contributes no schema (a wrong schema would make correct rules fail to check).
 */
public final class CustomResourceSchemas {
    private static final List<String> TYPES = List.of("object", "array", "string", "integer", "number", "boolean");

    private final Map<String, List<ObjectType>> byPlural = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private String file;

    private CustomResourceSchemas() {}

    /** The custom resources of the given CRD files, and the problems found; types only from files without problems. */
    public record Result(Map<String, List<ObjectType>> byPlural, List<String> problems) {
        public Result {
            byPlural = Map.copyOf(byPlural);
            problems = List.copyOf(problems);
        }

        /** The built-in schema with these custom resources added. */
        public KubernetesSchema schema() {
            return KubernetesSchema.builtIn().withCustomResources(byPlural);
        }
    }

    /** Reads CRD files; a folder stands for its {@code .yaml} / {@code .yml} files (not below), in name order. */
    public static Result read(List<Path> files) {
        CustomResourceSchemas reader = new CustomResourceSchemas();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                try (var listing = Files.list(f)) {
                    listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .filter(Files::isRegularFile).sorted().forEach(reader::readFile);
                } catch (IOException e) {
                    reader.problems.add(f + ": cannot list CRD folder: " + e.getMessage());
                }
            } else {
                reader.readFile(f);
            }
        }
        return new Result(reader.byPlural, reader.problems);
    }

    private void readFile(Path path) {
        file = path.toString();
        int before = problems.size();
        Map<String, List<ObjectType>> found = new LinkedHashMap<>();
        try {
            String text = SafeYaml.decode(file, Files.readAllBytes(path));
            SafeYaml.composeAll(file, text, YamlLimits.CONFIG, document -> {
                if (document != null) {
                    document(document, found);
                }
            });
        } catch (IOException e) {
            problems.add(file + ": cannot read CRD file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (YamlReadException e) {
            problems.add(e.getMessage());
        }
        if (problems.size() == before && found.isEmpty()) {
            problems.add(file + ": no CustomResourceDefinition in this file");
        }
        if (problems.size() == before) {
            found.forEach((plural, types) -> byPlural.computeIfAbsent(plural, k -> new ArrayList<>()).addAll(types));
        }
    }

    private void document(Node doc, Map<String, List<ObjectType>> found) {
        MappingNode map = mapping(doc, "a CRD document");
        if (map == null) {
            return;
        }
        String kind = scalar(field(map, "kind"));
        if ("List".equals(kind)) {
            Node items = field(map, "items");
            if (items instanceof SequenceNode seq) {
                seq.getValue().forEach(item -> document(item, found));
            } else {
                problems.add(place(items == null ? map : items) + ": a List needs \"items\"");
            }
            return;
        }
        if (!"CustomResourceDefinition".equals(kind)) {
            problems.add(place(field(map, "kind") == null ? map : field(map, "kind")) + ": expected kind CustomResourceDefinition, got "
                    + (kind == null ? "none" : "\"" + kind + "\""));
            return;
        }
        String apiVersion = scalar(field(map, "apiVersion"));
        if (!"apiextensions.k8s.io/v1".equals(apiVersion)) {
            problems.add(place(field(map, "apiVersion") == null ? map : field(map, "apiVersion"))
                    + ": expected apiVersion apiextensions.k8s.io/v1 (v1beta1 CRDs are no longer served), got "
                    + (apiVersion == null ? "none" : "\"" + apiVersion + "\""));
            return;
        }
        MappingNode spec = mapping(required(map, "spec"), "\"spec\"");
        if (spec == null) {
            return;
        }
        String group = scalar(required(spec, "group"));
        MappingNode names = mapping(required(spec, "names"), "\"spec.names\"");
        String plural = names == null ? null : scalar(required(names, "plural"));
        Node versions = required(spec, "versions");
        if (group == null || plural == null || versions == null) {
            return;
        }
        if (!(versions instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(place(versions) + ": \"spec.versions\" must be a non-empty list");
            return;
        }
        for (Node v : seq.getValue()) {
            MappingNode version = mapping(v, "a version");
            if (version == null) {
                continue;
            }
            String name = scalar(required(version, "name"));
            if (name == null || "false".equals(scalar(field(version, "served")))) {
                continue; // a version the apiserver does not serve never reaches admission
            }
            MappingNode schema = mapping(required(version, "schema"), "\"schema\"");
            Node openApi = schema == null ? null : required(schema, "openAPIV3Schema");
            if (openApi == null) {
                continue;
            }
            SchemaType root = type(openApi, group + "." + name + "." + plural);
            found.computeIfAbsent(plural, k -> new ArrayList<>()).add(withObjectFields(root, group + "/" + name + " " + plural));
        }
    }

    /** The served object: the schema's fields, and apiVersion, kind and metadata as every object has them. */
    private ObjectType withObjectFields(SchemaType root, String name) {
        Map<String, SchemaType> fields = new LinkedHashMap<>();
        if (root instanceof ObjectType o) {
            fields.putAll(o.fields());
        } else if (root != Primitive.ANY) {
            problems.add(file + ": the openAPIV3Schema of " + name + " must be of type object");
        }
        fields.put("apiVersion", Primitive.STRING);
        fields.put("kind", Primitive.STRING);
        KubernetesSchema.builtIn().definition("apimachinery.pkg.apis.meta.v1.ObjectMeta")
                .ifPresent(meta -> fields.put("metadata", meta));
        if (root == Primitive.ANY) {
            // a free-form root: only the fields every object has are known, the rest is anything
            return ObjectType.of(name + " (free-form)", Map.of("apiVersion", Primitive.STRING, "kind", Primitive.STRING,
                    "metadata", fields.get("metadata"), "spec", Primitive.ANY, "status", Primitive.ANY));
        }
        return ObjectType.of(name, fields);
    }

    /** One schema node as a type; {@code name} names object types (for messages). */
    private SchemaType type(Node node, String name) {
        MappingNode map = mapping(node, "a schema");
        if (map == null) {
            return Primitive.ANY;
        }
        if ("true".equals(scalar(field(map, "x-kubernetes-int-or-string")))) {
            return Primitive.INT_OR_STRING;
        }
        if ("true".equals(scalar(field(map, "x-kubernetes-preserve-unknown-fields")))) {
            return Primitive.ANY;
        }
        Node typeNode = field(map, "type");
        String type = scalar(typeNode);
        if (type == null) {
            return Primitive.ANY; // no type: only allowed inside free-form values or int-or-string
        }
        if (!TYPES.contains(type)) {
            String near = TYPES.stream().filter(t -> t.charAt(0) == type.charAt(0)).findFirst().orElse(null);
            problems.add(place(typeNode) + ": unknown schema type \"" + type + "\" (one of " + String.join(", ", TYPES) + ")"
                    + (near == null ? "" : "; did you mean \"" + near + "\"?"));
            return Primitive.ANY;
        }
        return switch (type) {
            case "string" -> Primitive.STRING;
            case "boolean" -> Primitive.BOOLEAN;
            case "number" -> Primitive.NUMBER;
            case "integer" -> "int32".equals(scalar(field(map, "format"))) ? Primitive.INT32 : Primitive.INT64;
            case "array" -> {
                Node items = field(map, "items");
                yield new ArrayOf(items == null ? Primitive.ANY : type(items, name + "[]"));
            }
            default -> object(map, name);
        };
    }

    private SchemaType object(MappingNode map, String name) {
        Node properties = field(map, "properties");
        Node additional = field(map, "additionalProperties");
        if (additional != null) {
            if (additional instanceof ScalarNode s) {
                return "true".equals(s.getValue()) ? new MapOf(Primitive.ANY) : Primitive.ANY;
            }
            return new MapOf(type(additional, name + "{}"));
        }
        if (properties == null) {
            return Primitive.ANY; // an object without properties: nothing to check its fields against
        }
        MappingNode props = mapping(properties, "\"properties\"");
        if (props == null) {
            return Primitive.ANY;
        }
        Map<String, SchemaType> fields = new LinkedHashMap<>();
        for (NodeTuple t : props.getValue()) {
            String field = scalar(t.getKeyNode());
            if (field != null) {
                fields.put(field, type(t.getValueNode(), name + "." + field));
            }
        }
        return ObjectType.of(name, fields);
    }

    private Node required(MappingNode map, String key) {
        Node n = field(map, key);
        if (n == null) {
            problems.add(place(map) + ": missing \"" + key + "\"");
        }
        return n;
    }

    private static Node field(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private MappingNode mapping(Node n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof MappingNode m) {
            return m;
        }
        problems.add(place(n) + ": " + what + " must be a mapping");
        return null;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private String place(Node n) {
        Mark m = n.getStartMark();
        return m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }
}
