package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.PolicyRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A long resources list of one rule (the bootstrap {@code admin}, {@code edit} and {@code view}
 * roles name 30 to 50) as a map from resource to the subresources it covers ("" for the resource
 * itself), so that {@link RuleMatcher#resourceMatches} is two hash lookups instead of a scan.
 * Decides exactly as the scan: {@code *} covers everything, {@code *}{@code /sub} a subresource
 * of every resource, and an entry {@code res/sub} the request whose {@code resource + "/" +
 * subresource} equals it — which is split here at its first slash, so a request whose resource
 * itself holds a slash is left to the scan.
 */
final class ResourceIndex {
    private final boolean all;
    private final Set<String> anyResourceSubresources = new HashSet<>();
    private final Map<String, Set<String>> subresourcesByResource = new HashMap<>();

    ResourceIndex(List<String> resources) {
        boolean star = false;
        for (String r : resources) {
            if (r.equals("*")) {
                star = true;
            } else if (r.startsWith("*/")) {
                anyResourceSubresources.add(r.substring(2));
            }
            int slash = r.indexOf('/');
            String resource = slash < 0 ? r : r.substring(0, slash);
            String subresource = slash < 0 ? "" : r.substring(slash + 1);
            subresourcesByResource.computeIfAbsent(resource, k -> new HashSet<>()).add(subresource);
        }
        this.all = star;
    }

    /** {@link RuleMatcher#resourceMatches} for {@code rule}, whose resources this index holds. */
    boolean matches(PolicyRule rule, String resource, String subresource) {
        if (all) {
            return true;
        }
        if (resource.indexOf('/') >= 0) {
            return RuleMatcher.resourceMatches(rule, resource, subresource);
        }
        if (!subresource.isEmpty() && anyResourceSubresources.contains(subresource)) {
            return true;
        }
        Set<String> subresources = subresourcesByResource.get(resource);
        return subresources != null && subresources.contains(subresource);
    }
}
