package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Jackson tree as the DSL's plain JSON values: read-only maps in field order
 * ({@link FrozenJsonObject}), {@code ArrayList}, {@code String}, {@code Boolean}, numbers, null —
 * equal, key order included, to what {@code ObjectMapper.convertValue(node, Object.class)} gives,
 * walked directly: the conversion through a token buffer was a quarter of an admission decision's
 * time and bytes. The node kinds
 * JSON text parses to are converted here; any other (binary, POJO, short, float and decimal
 * numbers: only built by code) is left to Jackson, so the answer stays Jackson's own.
 *
 * <p>Implementation, not API: the engine's readers (reviews, audit events, files) turn the trees
 * they parsed into an {@link AdmissionRequest}'s plain objects with it, once per request.
 */
public final class PlainJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainJson() {}

    public static Object of(JsonNode node) {
        return new Converter().of(node);
    }

    /**
     * A JSON object as a read-only plain map, null for null or missing.
     *
     * @throws IllegalArgumentException when {@code node} is another kind of value
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(JsonNode node) {
        Object plain = of(node);
        if (plain != null && !(plain instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a JSON object: " + node.getNodeType());
        }
        return (Map<String, Object>) plain;
    }

    /** Existing objects by resource ({@link AdmissionRequest#data()}) from their trees. */
    public static Map<String, List<Map<String, Object>>> data(Map<String, List<JsonNode>> trees) {
        Map<String, List<Map<String, Object>>> out = new java.util.LinkedHashMap<>();
        trees.forEach((resource, objects) -> out.put(resource, objects.stream().map(PlainJson::object).toList()));
        return out;
    }

    /**
     * One conversion. Reads each object's fields with {@code forEach} into the object's array (no
     * iterator per object), then converts the values in place: the array is filled before a child
     * object is read, so the one collector serves the whole tree.
     */
    private static final class Converter implements Consumer<Map.Entry<String, JsonNode>> {
        private Object[] kv;
        private int next;

        @Override
        public void accept(Map.Entry<String, JsonNode> field) {
            kv[next++] = field.getKey();
            kv[next++] = field.getValue();
        }

        Object of(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            return switch (node.getNodeType()) {
                case OBJECT -> {
                    Object[] a = new Object[2 * node.size()];
                    kv = a;
                    next = 0;
                    node.properties().forEach(this);
                    for (int i = 1; i < a.length; i += 2) {
                        a[i] = of((JsonNode) a[i]);
                    }
                    yield new FrozenJsonObject(a);
                }
                case ARRAY -> {
                    int n = node.size();
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(of(node.get(i)));
                    }
                    yield list;
                }
                case STRING -> node.textValue();
                case BOOLEAN -> node.booleanValue();
                case NUMBER -> node instanceof IntNode || node instanceof LongNode || node instanceof BigIntegerNode
                        || node instanceof DoubleNode ? node.numberValue() : JSON.convertValue(node, Object.class);
                case NULL, MISSING -> null;
                case BINARY, POJO -> JSON.convertValue(node, Object.class);
            };
        }
    }
}
