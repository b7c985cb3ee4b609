package dev.palisade.dsl.admission;

import dev.palisade.Api;
import dev.palisade.dsl.ast.AdmissionRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one admission rule is asked about, for whoever routes requests to it (a webhook
 * configuration): its kind, its operations ({@code CREATE}, ...) and the resources whose requests it
 * sees, spelled as the apiserver spells them ({@code pods}, {@code pods/ephemeralcontainers}). A rule
 * on {@code pods} also sees the pod templates of workloads, so their resources are included.
 * Resources are matched by name in any API group.
 */
@Api
public record AdmissionTarget(AdmissionRule.Kind kind, Set<String> operations, Set<String> resources) {
    public AdmissionTarget {
        operations = Set.copyOf(new TreeSet<>(operations));
        resources = Set.copyOf(new TreeSet<>(resources));
    }
}
