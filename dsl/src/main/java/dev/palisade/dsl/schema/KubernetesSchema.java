package dev.palisade.dsl.schema;

import dev.palisade.dsl.schema.SchemaType.ArrayOf;
import dev.palisade.dsl.schema.SchemaType.MapOf;
import dev.palisade.dsl.schema.SchemaType.ObjectType;
import dev.palisade.dsl.schema.SchemaType.Primitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field types of the built-in Kubernetes kinds, read from a compact table derived from the
 * Kubernetes OpenAPI document ({@code schema/kubernetes.schema}, written by the test-scope
 * {@code KubernetesSchemaGenerator}). Looked up by group/version/kind, and by path inside a kind.
 * Custom resources are not in the table: {@link #forKind} is empty for them.
 *
 * <p>The table's lines: {@code release R}; {@code kind APIVERSION KIND DEFINITION}; {@code def NAME}
 * followed by indented {@code FIELD TYPE} lines, where TYPE is a primitive ({@code string int32
 * int64 number boolean int-or-string quantity any}), {@code @DEFINITION}, {@code [TYPE]} (a list)
 * or {@code {TYPE}} (a map with string keys).
 */
public final class KubernetesSchema {
    public static final String RESOURCE = "/dev/palisade/dsl/schema/kubernetes.schema";

    private static volatile KubernetesSchema builtIn;

    private final String release;
    private final Map<String, ObjectType> definitions;
    private final Map<Gvk, ObjectType> kinds;
    private final Map<String, List<ObjectType>> byResource;

    private KubernetesSchema(KubernetesSchema base, Map<String, List<ObjectType>> byResource) {
        this.release = base.release;
        this.definitions = base.definitions;
        this.kinds = base.kinds;
        this.byResource = byResource;
    }

    /**
     * This schema with the types of custom resources added, by plural ({@code podgroups}): one type
     * per served version of each CRD. A plural the table already knows keeps its built-in types
     * and gains these (a rule's paths may meet any of them).
     */
    public KubernetesSchema withCustomResources(Map<String, List<ObjectType>> custom) {
        if (custom.isEmpty()) {
            return this;
        }
        Map<String, List<ObjectType>> resources = new HashMap<>(byResource);
        custom.forEach((plural, types) -> {
            List<ObjectType> all = new java.util.ArrayList<>(resources.getOrDefault(plural, List.of()));
            types.stream().filter(t -> !all.contains(t)).forEach(all::add);
            resources.put(plural, List.copyOf(all));
        });
        return new KubernetesSchema(this, Collections.unmodifiableMap(resources));
    }

    private KubernetesSchema(String release, Map<String, ObjectType> definitions, Map<Gvk, ObjectType> kinds) {
        this.release = release;
        this.definitions = Collections.unmodifiableMap(definitions);
        this.kinds = Collections.unmodifiableMap(kinds);
        Map<String, List<ObjectType>> resources = new HashMap<>();
        kinds.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Gvk::group).thenComparing(Gvk::version)))
                .forEach(e -> {
                    List<ObjectType> types = resources.computeIfAbsent(plural(e.getKey().kind()), k -> new java.util.ArrayList<>());
                    if (!types.contains(e.getValue())) {
                        types.add(e.getValue());
                    }
                });
        resources.replaceAll((k, v) -> List.copyOf(v));
        this.byResource = Collections.unmodifiableMap(resources);
    }

    /**
     * The types of the built-in kinds served as a plural resource ({@code pods}: core/v1 Pod), one
     * per group/version that defines it differently; empty for custom resources. A rule names
     * resources, not kinds: every version a cluster may serve is a type its paths can meet.
     */
    public List<ObjectType> forResource(String plural) {
        return byResource.getOrDefault(plural, List.of());
    }

    /** Kubernetes' guess from a kind to its resource (meta.UnsafeGuessKindToResource); right for every built-in. */
    public static String plural(String kind) {
        String singular = kind.toLowerCase(java.util.Locale.ROOT);
        if (singular.endsWith("endpoints")) {
            return singular;
        }
        if (singular.endsWith("s")) {
            return singular + "es";
        }
        if (singular.endsWith("y")) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }

    private record Gvk(String group, String version, String kind) {}

    /** The table shipped with Palisade, read once. */
    public static KubernetesSchema builtIn() {
        KubernetesSchema s = builtIn;
        if (s == null) {
            synchronized (KubernetesSchema.class) {
                if (builtIn == null) {
                    builtIn = readResource();
                }
                s = builtIn;
            }
        }
        return s;
    }

    private static KubernetesSchema readResource() {
        try (InputStream in = KubernetesSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema table " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table; a malformed one is a build defect, reported with its line. */
    public static KubernetesSchema parse(String table) {
        Map<String, ObjectType> defs = new LinkedHashMap<>();
        List<String> lines = table.lines().toList();
        // pass 1: every definition gets its instance, so fields can refer to any of them
        for (String line : lines) {
            if (line.startsWith("def ")) {
                String name = line.substring(4).trim();
                defs.put(name, new ObjectType(name));
            }
        }
        String release = "";
        Map<Gvk, ObjectType> kinds = new HashMap<>();
        ObjectType current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.trim().split(" ");
            if (line.startsWith(" ")) {
                if (current == null || w.length != 2) {
                    throw malformed(i, "a field line must follow a def and read FIELD TYPE");
                }
                current.add(w[0], type(w[1], defs, i));
            } else if (w[0].equals("def")) {
                current = defs.get(w[1]);
            } else if (w[0].equals("kind") && w.length == 4) {
                ObjectType def = defs.get(w[3]);
                if (def == null) {
                    throw malformed(i, "unknown definition " + w[3]);
                }
                int slash = w[1].indexOf('/');
                kinds.put(new Gvk(slash < 0 ? "" : w[1].substring(0, slash), w[1].substring(slash + 1), w[2]), def);
            } else if (w[0].equals("release") && w.length == 2) {
                release = w[1];
            } else {
                throw malformed(i, "unknown line");
            }
        }
        defs.values().forEach(ObjectType::freeze);
        return new KubernetesSchema(release, defs, kinds);
    }

    private static SchemaType type(String s, Map<String, ObjectType> defs, int line) {
        if (s.startsWith("@")) {
            ObjectType def = defs.get(s.substring(1));
            if (def == null) {
                throw malformed(line, "unknown definition " + s);
            }
            return def;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            return new ArrayOf(type(s.substring(1, s.length() - 1), defs, line));
        }
        if (s.startsWith("{") && s.endsWith("}")) {
            return new MapOf(type(s.substring(1, s.length() - 1), defs, line));
        }
        return Primitive.bySpelling(s).orElseThrow(() -> malformed(line, "unknown type " + s));
    }

    private static IllegalStateException malformed(int index, String why) {
        return new IllegalStateException(RESOURCE + ":" + (index + 1) + ": " + why);
    }

    /** The Kubernetes release the table was derived from, e.g. {@code 1.36}. */
    public String release() {
        return release;
    }

    /** The type of a built-in kind; empty for custom resources and unknown versions. Group "" is core. */
    public Optional<ObjectType> forKind(String group, String version, String kind) {
        return Optional.ofNullable(kinds.get(new Gvk(group, version, kind)));
    }

    /** As {@link #forKind(String, String, String)}, with an apiVersion such as {@code apps/v1} or {@code v1}. */
    public Optional<ObjectType> forKind(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return forKind(slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    /** A definition by its table name, e.g. {@code core.v1.PodSpec}. */
    public Optional<ObjectType> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    public Map<String, ObjectType> definitions() {
        return definitions;
    }

    /** How many group/version/kinds the table knows. */
    public int kindCount() {
        return kinds.size();
    }

    /**
     * The type at a path below {@code root}: a field name steps into an object or a map's values;
     * {@code []}, {@code *} or an index steps into a list's items. Inside a free-form value every
     * path is {@link Primitive#ANY}. Empty when the path names no declared field.
     */
    public static Optional<SchemaType> at(SchemaType root, List<String> path) {
        SchemaType t = root;
        for (String step : path) {
            if (t instanceof ObjectType o) {
                t = o.field(step);
            } else if (t instanceof MapOf m) {
                t = m.values();
            } else if (t instanceof ArrayOf a && (step.equals("[]") || step.equals("*") || step.chars().allMatch(Character::isDigit))) {
                t = a.items();
            } else if (t == Primitive.ANY) {
                return Optional.of(Primitive.ANY);
            } else {
                return Optional.empty();
            }
            if (t == null) {
                return Optional.empty();
            }
        }
        return Optional.of(t);
    }

    /** The type at a dotted path inside a kind, e.g. ({@code v1}, {@code Pod}, {@code spec.containers.[].image}). */
    public Optional<SchemaType> at(String apiVersion, String kind, String dottedPath) {
        return forKind(apiVersion, kind).flatMap(root -> at(root, dottedPath.isEmpty() ? List.of() : List.of(dottedPath.split("\\."))));
    }
}
