package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.dsl.schema.SchemaType;
import dev.palisade.dsl.schema.SchemaType.ArrayOf;
import dev.palisade.dsl.schema.SchemaType.MapOf;
import dev.palisade.dsl.schema.SchemaType.ObjectType;
import dev.palisade.dsl.schema.SchemaType.Primitive;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Checks an admission request's {@code object} and {@code oldObject} against the field types of
 * their kind, as the apiserver's decoder would before any webhook sees them (D7): a
 * {@code privileged: "true"}, a {@code hostNetwork: "true"} or a {@code spec} that is a list is a
 * malformed object, answered 400, never judged — a policy that reads {@code privileged == true}
 * would otherwise allow what it cannot read. Unknown fields are kept and not errors (the apiserver
 * drops them unless strict field validation is on); null is accepted everywhere (Go decodes it as
 * the zero value). Kinds the table does not know — custom resources, versions newer than the
 * table — are only required to be objects.
 *
 * <p>The walk reads the already parsed tree without iterators ({@code forEachEntry}), with one
 * reusable walker per thread; the path is kept as two arrays and spelled out only for the error.
 */
public final class ObjectTypeCheck {
    private static final KubernetesSchema SCHEMA = KubernetesSchema.builtIn();

    private static final ThreadLocal<ObjectTypeCheck> WALKERS = ThreadLocal.withInitial(ObjectTypeCheck::new);

    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int depth;
    private String error;
    /** The object or map whose entries {@link #entry} is visiting: one is set, the other null. */
    private ObjectType entriesOf;
    private SchemaType mapValues;
    private final BiConsumer<String, JsonNode> onEntry = this::entry;

    private ObjectTypeCheck() {}

    /** The first type mismatch in the request's objects, as "PATH: expected …, not …", or null when both read. */
    public static String mismatch(JsonNode request) {
        JsonNode kind = request.path("kind");
        String group = kind.path("group").asText("");
        String version = kind.path("version").asText("");
        String name = kind.path("kind").asText("");
        JsonNode object = request.get("object");
        if (version.isEmpty() && object != null && object.isObject()) {
            // no request.kind: the object's own apiVersion and kind, as the apiserver would have read it
            String apiVersion = object.path("apiVersion").asText("");
            int slash = apiVersion.indexOf('/');
            group = slash < 0 ? "" : apiVersion.substring(0, slash);
            version = apiVersion.substring(slash + 1);
            name = object.path("kind").asText("");
        }
        SchemaType type = SCHEMA.forKind(group, version, name).<SchemaType>map(t -> t).orElse(Primitive.ANY);
        String bad = check(object, type, "request.object");
        return bad != null ? bad : check(request.get("oldObject"), type, "request.oldObject");
    }

    private static String check(JsonNode value, SchemaType type, String root) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            return root + ": expected an object, not " + describe(value);
        }
        ObjectTypeCheck walk = WALKERS.get();
        walk.depth = 0;
        walk.error = null;
        walk.entriesOf = null;
        walk.mapValues = null;
        boolean ok = walk.value(value, type);
        String error = walk.error;
        Arrays.fill(walk.names, null); // the thread's walker holds no strings of past requests
        return ok ? null : root + error;
    }

    private boolean value(JsonNode v, SchemaType type) {
        if (v.isNull() || type == Primitive.ANY) {
            return true;
        }
        if (type instanceof ObjectType o) {
            return v.isObject() ? fields(v, o) : fail(type, v);
        } else if (type instanceof ArrayOf a) {
            return v.isArray() ? items(v, a.items()) : fail(type, v);
        } else if (type instanceof MapOf m) {
            return v.isObject() ? mapValues(v, m.values()) : fail(type, v);
        }
        boolean ok = switch ((Primitive) type) {
            case STRING -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case INT32 -> v.isIntegralNumber() && v.canConvertToInt();
            case INT64 -> v.isIntegralNumber() && v.canConvertToLong();
            case NUMBER -> v.isNumber();
            case INT_OR_STRING -> v.isTextual() || (v.isIntegralNumber() && v.canConvertToInt());
            case QUANTITY -> v.isNumber() || (v.isTextual() && Quantities.valid(v.textValue()));
            case ANY -> true;
        };
        return ok || fail(type, v);
    }

    private boolean fields(JsonNode object, ObjectType type) {
        return entries(object, type, null);
    }

    private boolean mapValues(JsonNode object, SchemaType values) {
        return entries(object, null, values);
    }

    private boolean entries(JsonNode object, ObjectType type, SchemaType values) {
        ObjectType outerObject = entriesOf;
        SchemaType outerValues = mapValues;
        entriesOf = type;
        mapValues = values;
        object.forEachEntry(onEntry);
        entriesOf = outerObject;
        mapValues = outerValues;
        return error == null;
    }

    private void entry(String key, JsonNode value) {
        if (error != null) {
            return; // forEachEntry cannot stop; the first mismatch is the answer
        }
        SchemaType type = entriesOf != null ? entriesOf.field(key) : mapValues;
        if (type == null) {
            return; // unknown: dropped by the apiserver, kept here, never an error
        }
        push(key, -1);
        if (value(value, type)) {
            depth--;
        }
    }

    private boolean items(JsonNode array, SchemaType items) {
        for (int i = 0; i < array.size(); i++) {
            push(null, i);
            if (!value(array.get(i), items)) {
                return false;
            }
            depth--;
        }
        return true;
    }

    private void push(String name, int index) {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
        names[depth] = name;
        indexes[depth] = index;
        depth++;
    }

    private boolean fail(SchemaType expected, JsonNode actual) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (names[i] == null) {
                path.append('[').append(indexes[i]).append(']');
            } else if (isPlainName(names[i])) {
                path.append('.').append(names[i]);
            } else {
                path.append("[\"").append(names[i].replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        String found = expected == Primitive.QUANTITY && actual.isTextual() ? "a string that is not a quantity" : describe(actual);
        error = path + ": expected " + expected.expected() + ", not " + found;
        return false;
    }

    private static boolean isPlainName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** What was found, by JSON type only: values are never quoted (they may be large or secret). */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? "the integer " + v.asText() : "an integer out of range";
        }
        if (v.isNumber()) {
            return "a number with a fraction or exponent";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
