package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A minimal independent RFC 6902 applier (add / replace / remove) to check emitted patches. */
final class JsonPatchApplier {
    private JsonPatchApplier() {}

    @SuppressWarnings("unchecked")
    static Object apply(Object doc, List<PatchOp> ops) {
        for (PatchOp op : ops) {
            String[] parts = op.path().substring(1).split("/", -1);
            Object parent = doc;
            for (int i = 0; i < parts.length - 1; i++) {
                String k = unescape(parts[i]);
                parent = parent instanceof Map<?, ?> m ? m.get(k) : ((List<Object>) parent).get(Integer.parseInt(k));
                if (parent == null) {
                    throw new IllegalStateException("missing parent for " + op);
                }
            }
            String last = unescape(parts[parts.length - 1]);
            if (parent instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                switch (op.op()) {
                    case "add" -> map.put(last, JsonValues.deepCopy(op.value()));
                    case "replace" -> {
                        if (!map.containsKey(last)) {
                            throw new IllegalStateException("replace of missing " + op);
                        }
                        map.put(last, JsonValues.deepCopy(op.value()));
                    }
                    case "remove" -> {
                        if (map.remove(last) == null) {
                            throw new IllegalStateException("remove of missing " + op);
                        }
                    }
                    default -> throw new IllegalStateException(op.op());
                }
            } else {
                List<Object> list = (List<Object>) parent;
                int i = last.equals("-") ? list.size() : Integer.parseInt(last);
                switch (op.op()) {
                    case "add" -> list.add(i, JsonValues.deepCopy(op.value()));
                    case "replace" -> list.set(i, JsonValues.deepCopy(op.value()));
                    case "remove" -> list.remove(i);
                    default -> throw new IllegalStateException(op.op());
                }
            }
        }
        return doc;
    }

    private static String unescape(String s) {
        return s.replace("~1", "/").replace("~0", "~");
    }
}
