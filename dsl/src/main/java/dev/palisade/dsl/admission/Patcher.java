package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies edits to a mutable JSON object and records each as an RFC 6902 operation, so that the
 * patch applied to the original object yields exactly the mutated one. {@code add} needs an
 * existing parent, so a missing chain of parents is created by one {@code add} of a nested value.
 */
final class Patcher {
    private final Object root;
    private final List<PatchOp> ops = new ArrayList<>();

    /** The value at a location of the object as it stands now (edits so far applied); null when absent. */
    Object at(List<Object> location) {
        return JsonValues.at(root, location);
    }

    Patcher(Object root) {
        this.root = root;
    }

    List<PatchOp> ops() {
        return ops;
    }

    /** Writes {@code value} at {@code location}; false when nothing changed or the path cannot exist. */
    boolean set(List<Object> location, Object value) {
        if (location.isEmpty()) {
            return false;
        }
        Object container = root;
        for (int i = 0; i < location.size() - 1; i++) {
            Object seg = location.get(i);
            Object next = child(container, seg);
            if (next == null) {
                if (!(container instanceof Map<?, ?>) || !(seg instanceof String)) {
                    return false;
                }
                Object nested = nest(location.subList(i + 1, location.size()), value);
                if (nested == null) {
                    return false;
                }
                put(container, seg, nested);
                ops.add(new PatchOp("add", JsonValues.pointer(location.subList(0, i + 1)), JsonValues.deepCopy(nested)));
                return true;
            }
            container = next;
        }
        Object last = location.get(location.size() - 1);
        Object old = child(container, last);
        if (old != null && JsonValues.equal(old, value)) {
            return false;
        }
        if (!put(container, last, JsonValues.deepCopy(value))) {
            return false;
        }
        ops.add(new PatchOp(old == null ? "add" : "replace", JsonValues.pointer(location), JsonValues.deepCopy(value)));
        return true;
    }

    /** Appends {@code value} to the list at {@code location}, creating the list when absent. */
    boolean append(List<Object> location, Object value) {
        Object list = JsonValues.at(root, location);
        if (list == null) {
            return set(location, new ArrayList<>(List.of(value)));
        }
        if (!(list instanceof List<?>)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) list;
        l.add(JsonValues.deepCopy(value));
        List<Object> end = new ArrayList<>(location);
        end.add("-");
        ops.add(new PatchOp("add", JsonValues.pointer(end), JsonValues.deepCopy(value)));
        return true;
    }

    /** Removes what is at {@code location}; false when there is nothing. */
    boolean remove(List<Object> location) {
        if (location.isEmpty() || JsonValues.at(root, location) == null) {
            return false;
        }
        Object container = JsonValues.at(root, location.subList(0, location.size() - 1));
        Object last = location.get(location.size() - 1);
        if (container instanceof Map<?, ?> m && last instanceof String k) {
            m.remove(k);
        } else if (container instanceof List<?> l && last instanceof Integer i) {
            l.remove((int) i);
        } else {
            return false;
        }
        ops.add(new PatchOp("remove", JsonValues.pointer(location), null));
        return true;
    }

    private static Object child(Object container, Object seg) {
        return JsonValues.at(container, List.of(seg));
    }

    @SuppressWarnings("unchecked")
    private static boolean put(Object container, Object seg, Object value) {
        if (container instanceof Map<?, ?> m && seg instanceof String k) {
            ((Map<String, Object>) m).put(k, value);
            return true;
        }
        if (container instanceof List<?> l && seg instanceof Integer i && i >= 0 && i < l.size()) {
            ((List<Object>) l).set(i, value);
            return true;
        }
        return false;
    }

    /** {@code {a: {b: value}}} for the rest {@code [a, b]}; null when the rest needs a list index. */
    private static Object nest(List<Object> rest, Object value) {
        Object v = JsonValues.deepCopy(value);
        for (int i = rest.size() - 1; i >= 0; i--) {
            if (!(rest.get(i) instanceof String k)) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(k, v);
            v = m;
        }
        return v;
    }
}
