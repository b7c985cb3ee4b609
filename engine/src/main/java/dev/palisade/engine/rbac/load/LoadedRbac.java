package dev.palisade.engine.rbac.load;

import dev.palisade.engine.rbac.model.RbacPolicy;
import java.util.Map;
import java.util.TreeMap;

/** What a load produced: the RBAC objects, and how many objects of other kinds were skipped, by kind. */
public record LoadedRbac(RbacPolicy policy, Map<String, Integer> skippedByKind) {
    public LoadedRbac {
        skippedByKind = skippedByKind == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(skippedByKind));
    }

    public int skipped() {
        return skippedByKind.values().stream().mapToInt(Integer::intValue).sum();
    }
}
