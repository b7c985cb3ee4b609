package dev.palisade.dsl.admission;

import java.util.List;
import java.util.Map;

/**
 * Where workload resources keep their pod template. Rules on {@code pods} see these templates as
 * pods, as Pod Security Admission does, with locations that point into the workload.
 */
final class Workloads {
    private static final List<Object> TEMPLATE = List.of("spec", "template");
    private static final Map<String, List<Object>> TEMPLATES = Map.of(
            "deployments", TEMPLATE,
            "replicasets", TEMPLATE,
            "statefulsets", TEMPLATE,
            "daemonsets", TEMPLATE,
            "jobs", TEMPLATE,
            "replicationcontrollers", TEMPLATE,
            "cronjobs", List.of("spec", "jobTemplate", "spec", "template"),
            "podtemplates", List.of("template"));

    private Workloads() {}

    /** The workload resources that keep a pod template. */
    static java.util.Set<String> resources() {
        return TEMPLATES.keySet();
    }

    /** The template location of a workload resource, or null for anything else. */
    static List<Object> templateOf(String resource) {
        return TEMPLATES.get(resource);
    }
}
