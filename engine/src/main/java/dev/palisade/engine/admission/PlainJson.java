package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jackson tree as the DSL's plain JSON values: {@code LinkedHashMap} (field order kept),
 * {@code ArrayList}, {@code String}, {@code Boolean}, numbers, null — exactly what
 * {@code ObjectMapper.convertValue(node, Object.class)} gives, walked directly: the conversion
 * through a token buffer was a quarter of an admission decision's time and bytes. The node kinds
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
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 4 / 3 + 1));
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    map.put(f.getKey(), of(f.getValue()));
                }
                yield map;
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
