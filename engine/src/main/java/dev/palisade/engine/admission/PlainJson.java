package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Jackson tree as the DSL's plain JSON values: read-only maps in field order
 * ({@link FrozenJsonObject}), {@code ArrayList}, {@code String}, {@code Boolean}, numbers, null —
 * equal, key order included, to what {@code ObjectMapper.convertValue(node, Object.class)} gives,
 * walked directly: the conversion through a token buffer was a quarter of an admission decision's
 * time and bytes. The node kinds
 * JSON text parses to are converted here; any other (binary, POJO, short, float and decimal
 * numbers: only built by code) is left to Jackson, so the answer stays Jackson's own.
 */
final class PlainJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainJson() {}

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                int n = node.size();
                String[] keys = new String[n];
                Object[] values = new Object[n];
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                for (int i = 0; fields.hasNext(); i++) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    keys[i] = f.getKey();
                    values[i] = of(f.getValue());
                }
                yield new FrozenJsonObject(keys, values);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
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
