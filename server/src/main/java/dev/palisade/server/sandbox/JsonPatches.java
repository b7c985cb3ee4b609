package dev.palisade.server.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.admission.PatchOp;
import java.util.List;

/**
 * Applies the RFC 6902 operations of the mutating rules ({@code add}, {@code replace},
 * {@code remove}) to a copy of an object, so the sandbox can return the object as admitted.
 * A path that does not fit the object raises IllegalArgumentException naming the path.
 */
final class JsonPatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPatches() {}

    static ObjectNode apply(ObjectNode object, List<PatchOp> patch) {
        ObjectNode out = object.deepCopy();
        for (PatchOp op : patch) {
            applyOne(out, op);
        }
        return out;
    }

    private static void applyOne(ObjectNode root, PatchOp op) {
        if (op.path().isEmpty() || op.path().charAt(0) != '/') {
            throw new IllegalArgumentException("patch path \"" + op.path() + "\" is not a JSON pointer");
        }
        String[] tokens = op.path().substring(1).split("/", -1);
        JsonNode parent = root;
        for (int i = 0; i < tokens.length - 1; i++) {
            JsonNode next = child(parent, unescape(tokens[i]));
            if (next == null) {
                throw new IllegalArgumentException("patch path \"" + op.path() + "\": \"" + tokens[i] + "\" does not exist");
            }
            parent = next;
        }
        String last = unescape(tokens[tokens.length - 1]);
        JsonNode value = JSON.valueToTree(op.value());
        switch (op.op()) {
            case "add", "replace" -> {
                if (parent instanceof ObjectNode o) {
                    o.set(last, value);
                } else if (parent instanceof ArrayNode a) {
                    if (last.equals("-")) {
                        a.add(value);
                    } else if (op.op().equals("add")) {
                        a.insert(index(a, last, op.path(), true), value);
                    } else {
                        a.set(index(a, last, op.path(), false), value);
                    }
                } else {
                    throw new IllegalArgumentException("patch path \"" + op.path() + "\" goes through a scalar");
                }
            }
            case "remove" -> {
                if (parent instanceof ObjectNode o) {
                    o.remove(last);
                } else if (parent instanceof ArrayNode a) {
                    a.remove(index(a, last, op.path(), false));
                }
            }
            default -> throw new IllegalArgumentException("patch operation \"" + op.op() + "\" is not supported");
        }
    }

    private static JsonNode child(JsonNode parent, String token) {
        if (parent instanceof ObjectNode o) {
            return o.get(token);
        }
        if (parent instanceof ArrayNode a && token.matches("\\d+")) {
            return a.get(Integer.parseInt(token));
        }
        return null;
    }

    private static int index(ArrayNode a, String token, String path, boolean inclusive) {
        if (!token.matches("\\d+") || Integer.parseInt(token) > a.size() - (inclusive ? 0 : 1)) {
            throw new IllegalArgumentException("patch path \"" + path + "\": index \"" + token + "\" is out of range");
        }
        return Integer.parseInt(token);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
