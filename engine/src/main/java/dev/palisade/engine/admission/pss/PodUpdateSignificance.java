package dev.palisade.engine.admission.pss;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a pod UPDATE is worth judging, as upstream Pod Security admission decides: a pod's
 * spec is immutable but for container images (and, historically, seccomp annotations), and
 * ephemeral containers may be added; an update that changes none of these (labels, status,
 * annotations...) is allowed without evaluation, so that a pod admitted under an older policy can
 * still be relabelled.
 */
final class PodUpdateSignificance {
    static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

    private PodUpdateSignificance() {}

    /** Objects are plain JSON values (Map, List, String...). Anything unreadable counts as significant. */
    static boolean isSignificant(Object pod, Object oldPod) {
        if (!(pod instanceof Map<?, ?> p) || !(oldPod instanceof Map<?, ?> old)) {
            return true;
        }
        Map<?, ?> annotations = map(map(p.get("metadata")).get("annotations"));
        Map<?, ?> oldAnnotations = map(map(old.get("metadata")).get("annotations"));
        if (!Objects.equals(annotations.get(SECCOMP_POD_ANNOTATION), oldAnnotations.get(SECCOMP_POD_ANNOTATION))) {
            return true;
        }
        Map<?, ?> spec = map(p.get("spec"));
        Map<?, ?> oldSpec = map(old.get("spec"));
        for (String field : List.of("containers", "initContainers")) {
            List<?> now = list(spec.get(field));
            List<?> before = list(oldSpec.get(field));
            if (now.size() != before.size()) {
                return true;
            }
            for (int i = 0; i < now.size(); i++) {
                if (containerChanged(map(now.get(i)), map(before.get(i)), annotations, oldAnnotations)) {
                    return true;
                }
            }
        }
        List<?> oldEphemeral = list(oldSpec.get("ephemeralContainers"));
        for (Object o : list(spec.get("ephemeralContainers"))) {
            Map<?, ?> c = map(o);
            Map<?, ?> before = oldEphemeral.stream().map(PodUpdateSignificance::map)
                    .filter(oc -> Objects.equals(oc.get("name"), c.get("name"))).findFirst().orElse(null);
            if (before == null || containerChanged(c, before, annotations, oldAnnotations)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containerChanged(Map<?, ?> c, Map<?, ?> old, Map<?, ?> annotations, Map<?, ?> oldAnnotations) {
        if (!Objects.equals(c.get("image"), old.get("image"))) {
            return true;
        }
        String key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.get("name");
        return !Objects.equals(annotations.get(key), oldAnnotations.get(key));
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
