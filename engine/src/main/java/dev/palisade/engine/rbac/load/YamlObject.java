package dev.palisade.engine.rbac.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, positioned access to one YAML mapping. Reads from the composed node tree rather than
 * plain maps so that every problem can name its line; a wrong shape is reported (never
 * thrown) and read as absent, so one pass collects all problems of a file.
 */
final class YamlObject {
    private final Node node;
    private final Problems problems;
    private final Map<String, Node> fields = new LinkedHashMap<>();

    private YamlObject(MappingNode node, Problems problems, String what) {
        this.node = node;
        this.problems = problems;
        for (NodeTuple t : node.getValue()) {
            Node key = t.getKeyNode();
            if (!(key instanceof ScalarNode k)) {
                problems.at(key, what + " has a non-text key");
                continue;
            }
            if (fields.put(k.getValue(), t.getValueNode()) != null) {
                problems.at(key, what + " has the field \"" + k.getValue() + "\" twice");
            }
        }
    }

    /** The node as an object, or null (with a problem) when it is not a mapping. */
    static YamlObject of(Node node, Problems problems, String what) {
        if (node instanceof MappingNode m) {
            return new YamlObject(m, problems, what);
        }
        problems.at(node, what + " must be a mapping, not " + describe(node));
        return null;
    }

    int line() {
        return Problems.line(node);
    }

    Node node() {
        return node;
    }

    /** The value node, or null when the field is absent or explicitly null. */
    Node get(String key) {
        Node value = fields.get(key);
        return isNull(value) ? null : value;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** A text field; "" when absent. */
    String string(String key) {
        Node value = get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.at(value, "\"" + key + "\" must be text, not " + describe(value));
        return "";
    }

    /** A text field that must be present and non-empty. */
    String requiredString(String key, String what) {
        if (get(key) == null) {
            problems.at(node, what + " is missing \"" + key + "\"");
            return "";
        }
        String value = string(key);
        if (value.isEmpty()) {
            problems.at(get(key), what + " has an empty \"" + key + "\"");
        }
        return value;
    }

    /** A list of text; empty when absent or null. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) {
            if (item instanceof ScalarNode s && !isNull(s)) {
                out.add(s.getValue());
            } else {
                problems.at(item, "\"" + key + "\" must be a list of text; found " + describe(item));
            }
        }
        return out;
    }

    /** A list of nodes; empty when absent or null; a problem when it is something else. */
    List<Node> list(String key) {
        Node value = get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problems.at(value, "\"" + key + "\" must be a list, not " + describe(value));
        return List.of();
    }

    /** A mapping field; null when absent or null. */
    YamlObject object(String key, String what) {
        Node value = get(key);
        return value == null ? null : of(value, problems, what);
    }

    /** A map of text to text (labels, matchLabels); empty when absent. */
    Map<String, String> stringMap(String key) {
        YamlObject map = object(key, "\"" + key + "\"");
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            for (String k : map.fields.keySet()) {
                Node v = map.fields.get(k);
                if (v instanceof ScalarNode s) {
                    out.put(k, isNull(s) ? "" : s.getValue());
                } else {
                    problems.at(v, "\"" + key + "\" values must be text; \"" + k + "\" is " + describe(v));
                }
            }
        }
        return out;
    }

    /**
     * Reports fields outside {@code known}: in rules, subjects and role references a misspelt
     * field (say {@code verb:}) would otherwise silently grant less than intended.
     */
    void rejectUnknown(Set<String> known, String what) {
        for (Map.Entry<String, Node> e : fields.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.at(e.getValue(), what + " has an unknown field \"" + e.getKey() + "\"");
            }
        }
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "null";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
