package dev.palisade.dsl.admission;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.ArrayList;

/**
 * A list the rules iterate: the lists named by one {@code for each} or quantifier, rooted at the
 * object ({@code object}, {@code oldObject}, {@code data}) or at another source's element.
 * Identical sources across rules share one id, so their element facts are inserted once.
 *
 * @param parent the source whose element the paths start from, or -1 for a root
 * @param root   {@code object}, {@code oldObject} or {@code data} when {@code parent} is -1
 * @param paths  segments of each list below the root or parent element, in the order written
 */
record Source(int id, int parent, String root, List<List<Object>> paths) {
    Source {
        // names interned: a parsed object's field names are, so lookups match by identity
        paths = paths.stream().map(path -> List.of(JsonValues.steps(path))).toList();
    }

    /**
     * Calls {@code out} with every element and its absolute location: list items in order, map
     * entries as {@code {key, value}} objects. Values that are neither lists nor maps have none.
     */
    void elements(Object base, List<Object> baseLocation, BiConsumer<Object, List<Object>> out) {
        for (List<Object> path : paths) {
            Object list = JsonValues.at(base, path);
            List<Object> location = new ArrayList<>(baseLocation);
            location.addAll(path);
            if (list instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    if (l.get(i) != null) {
                        out.accept(l.get(i), append(location, i));
                    }
                }
            } else if (list instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.accept(entry(e), append(location, e.getKey()));
                }
            }
        }
    }

    /** What each of {@link #paths} leads to below {@code base} (a list, a map, anything else or null). */
    Object[] lists(Object base) {
        Object[] out = new Object[paths.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = JsonValues.at(base, paths.get(p));
        }
        return out;
    }

    /** A map entry as the rules see it: {@code {key, value}}, a null value as "". */
    static Object entry(Map.Entry<?, ?> e) {
        return new MapEntryView().pointAt(e);
    }

    private static List<Object> append(List<Object> location, Object segment) {
        List<Object> out = new ArrayList<>(location.size() + 1);
        out.addAll(location);
        out.add(segment);
        return List.copyOf(out);
    }
}
