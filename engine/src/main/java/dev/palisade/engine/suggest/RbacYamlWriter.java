package dev.palisade.engine.suggest;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** RBAC objects as {@code kubectl apply}-able YAML: one document per object, fields in kubectl's order. */
public final class RbacYamlWriter {
    private static final String RBAC_V1 = "rbac.authorization.k8s.io/v1";

    private RbacYamlWriter() {}

    public static String write(RbacPolicy policy) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        Yaml yaml = new Yaml(options);
        List<Map<String, Object>> docs = new ArrayList<>();
        policy.clusterRoles().forEach(r -> docs.add(clusterRole(r)));
        policy.clusterRoleBindings().forEach(b -> docs.add(clusterRoleBinding(b)));
        policy.roles().forEach(r -> docs.add(role(r)));
        policy.roleBindings().forEach(b -> docs.add(roleBinding(b)));
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> doc : docs) {
            out.append("---\n").append(yaml.dump(doc));
        }
        return out.toString();
    }

    private static Map<String, Object> clusterRole(ClusterRole r) {
        Map<String, Object> m = header("ClusterRole", r.name(), "");
        m.put("rules", rules(r.rules()));
        return m;
    }

    private static Map<String, Object> role(Role r) {
        Map<String, Object> m = header("Role", r.name(), r.namespace());
        m.put("rules", rules(r.rules()));
        return m;
    }

    private static Map<String, Object> clusterRoleBinding(ClusterRoleBinding b) {
        Map<String, Object> m = header("ClusterRoleBinding", b.name(), "");
        m.put("roleRef", roleRef(b.roleRef()));
        m.put("subjects", subjects(b.subjects()));
        return m;
    }

    private static Map<String, Object> roleBinding(RoleBinding b) {
        Map<String, Object> m = header("RoleBinding", b.name(), b.namespace());
        m.put("roleRef", roleRef(b.roleRef()));
        m.put("subjects", subjects(b.subjects()));
        return m;
    }

    private static Map<String, Object> header(String kind, String name, String namespace) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", RBAC_V1);
        m.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", Map.of("palisade.dev/suggested", "true"));
        m.put("metadata", metadata);
        return m;
    }

    private static List<Object> rules(List<PolicyRule> rules) {
        List<Object> out = new ArrayList<>();
        for (PolicyRule rule : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!rule.nonResourceURLs().isEmpty()) {
                m.put("nonResourceURLs", rule.nonResourceURLs());
            } else {
                m.put("apiGroups", rule.apiGroups());
                m.put("resources", rule.resources());
                if (!rule.resourceNames().isEmpty()) {
                    m.put("resourceNames", rule.resourceNames());
                }
            }
            m.put("verbs", rule.verbs());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> roleRef(RoleRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiGroup", ref.apiGroup());
        m.put("kind", ref.kind());
        m.put("name", ref.name());
        return m;
    }

    private static List<Object> subjects(List<Subject> subjects) {
        List<Object> out = new ArrayList<>();
        for (Subject s : subjects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind());
            if (!s.apiGroup().isEmpty()) {
                m.put("apiGroup", s.apiGroup());
            }
            m.put("name", s.name());
            if (!s.namespace().isEmpty()) {
                m.put("namespace", s.namespace());
            }
            out.add(m);
        }
        return out;
    }
}
