package dev.palisade.engine.config;

import dev.palisade.dsl.params.PolicyInstance;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code admission} section of {@code palisade.yaml} as strictly as {@link ConfigLoader}
 * reads the rest: unknown fields and types are errors naming {@code file:line:col}, added to the
 * loader's list so that all problems of the file are reported together.
 */
final class AdmissionConfigReader {
    private static final List<String> TYPES = List.of("Policy", "PodSecurity");

    private final List<String> problems;
    private final ConfigNodes nodes;

    AdmissionConfigReader(Path file, List<String> problems) {
        this.problems = problems;
        this.nodes = new ConfigNodes(file, problems);
    }

    List<AdmissionPluginConfig> read(Node section) {
        List<AdmissionPluginConfig> out = new ArrayList<>();
        if (!(section instanceof MappingNode map)) {
            problems.add(place(section) + ": \"admission\" must be a mapping with \"plugins\"");
            return out;
        }
        Node plugins = fields(map, "admission", Set.of("plugins")).get("plugins");
        if (plugins == null) {
            problems.add(place(map) + ": missing field \"plugins\"");
        } else if (plugins instanceof SequenceNode seq) {
            for (Node entry : seq.getValue()) {
                AdmissionPluginConfig p = plugin(entry);
                if (p != null) {
                    out.add(p);
                }
            }
        } else {
            problems.add(place(plugins) + ": \"plugins\" must be a list");
        }
        return out;
    }

    private AdmissionPluginConfig plugin(Node entry) {
        if (!(entry instanceof MappingNode map)) {
            problems.add(place(entry) + ": an admission plugin must be a mapping with a \"type\"");
            return null;
        }
        Map<String, Node> f = fields(map, "admission plugin", Set.of("type", "name", "paths", "level", "version", "instances", "schemas"));
        String type = scalar(f.get("type"));
        if (type == null) {
            problems.add(place(map) + ": admission plugin is missing \"type\" (one of " + String.join(", ", TYPES) + ")");
            return null;
        }
        if (!TYPES.contains(type)) {
            problems.add(place(f.get("type")) + ": unknown admission plugin type \"" + type + "\" (known: "
                    + String.join(", ", TYPES) + ")");
            return null;
        }
        if (type.equals("PodSecurity")) {
            return podSecurity(map, f);
        }
        for (String k : List.of("level", "version")) {
            if (f.containsKey(k)) {
                problems.add(place(f.get(k)) + ": admission plugin of type Policy takes no \"" + k + "\"");
            }
        }
        String name = f.containsKey("name") ? scalar(f.get("name")) : type;
        Node pathsNode = f.get("paths");
        if (pathsNode == null) {
            problems.add(place(map) + ": admission plugin of type Policy needs \"paths\"");
            return null;
        }
        List<PolicyInstance> instances = f.containsKey("instances") ? instances(f.get("instances")) : List.of();
        // CRD files: the object paths of rules on those custom resources are checked against their schemas
        List<Path> schemas = f.containsKey("schemas") ? paths(f.get("schemas")) : List.of();
        return new AdmissionPluginConfig(type, name == null ? type : name, paths(pathsNode), place(map), null, null, instances, schemas);
    }

    /**
     * {@code instances:} of a parameterised policy: each a {@code name}, {@code params} (values of
     * the policies' parameters) and an optional {@code match} (namespaces, excludedNamespaces,
     * operations, resources, labels), as Gatekeeper constraints have them.
     */
    private List<PolicyInstance> instances(Node node) {
        List<PolicyInstance> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problems.add(place(node) + ": \"instances\" must be a list of {name, params, match}");
            return out;
        }
        Set<String> names = new java.util.HashSet<>();
        for (Node entry : seq.getValue()) {
            if (!(entry instanceof MappingNode map)) {
                problems.add(place(entry) + ": an instance must be a mapping with a \"name\"");
                continue;
            }
            Map<String, Node> f = fields(map, "instance", Set.of("name", "params", "match"));
            String name = scalar(f.get("name"));
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problems.add(place(f.getOrDefault("name", map)) + ": an instance needs a \"name\" of letters, digits, '.', '_' and '-'"
                        + " (it becomes part of each rule id: rule@name)");
                continue;
            }
            if (!names.add(name)) {
                problems.add(place(f.get("name")) + ": instance \"" + name + "\" is defined twice");
            }
            Map<String, PolicyInstance.Value> values = new LinkedHashMap<>();
            Node params = f.get("params");
            if (params instanceof MappingNode pm) {
                for (NodeTuple t : pm.getValue()) {
                    String key = scalar(t.getKeyNode());
                    Object value = plain(t.getValueNode());
                    if (key != null && value != null) {
                        values.put(key, new PolicyInstance.Value(value, place(t.getValueNode())));
                    }
                }
            } else if (params != null) {
                problems.add(place(params) + ": \"params\" must be a mapping of parameter names to values");
            }
            out.add(new PolicyInstance(name, values, match(f.get("match")), place(map)));
        }
        return out;
    }

    private PolicyInstance.Match match(Node node) {
        if (node == null) {
            return PolicyInstance.Match.ANY;
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(place(node) + ": \"match\" must be a mapping (namespaces, excludedNamespaces, operations, resources, labels)");
            return PolicyInstance.Match.ANY;
        }
        Map<String, Node> f = fields(map, "match", Set.of("namespaces", "excludedNamespaces", "operations", "resources", "labels"));
        Map<String, String> labels = new LinkedHashMap<>();
        if (f.get("labels") instanceof MappingNode lm) {
            for (NodeTuple t : lm.getValue()) {
                String k = scalar(t.getKeyNode());
                String v = scalar(t.getValueNode());
                if (k != null && v != null) {
                    labels.put(k, v);
                }
            }
        } else if (f.containsKey("labels")) {
            problems.add(place(f.get("labels")) + ": \"labels\" must be a mapping of label to value");
        }
        List<String> operations = strings(f.get("operations"), "operations");
        for (String op : operations) {
            if (!List.of("CREATE", "UPDATE", "DELETE", "CONNECT").contains(op)) {
                problems.add(place(f.get("operations")) + ": unknown operation \"" + op + "\" (CREATE, UPDATE, DELETE or CONNECT)");
            }
        }
        return new PolicyInstance.Match(strings(f.get("namespaces"), "namespaces"), strings(f.get("excludedNamespaces"), "excludedNamespaces"),
                operations, strings(f.get("resources"), "resources"), labels);
    }

    private List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problems.add(place(node) + ": \"" + what + "\" must be a list of strings");
            return out;
        }
        for (Node n : seq.getValue()) {
            String v = scalar(n);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A parameter value: a string, number or boolean scalar, or a list of them; null (reported) for anything else. */
    private Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            String tag = s.getTag().getValue();
            String v = s.getValue();
            if (tag.endsWith(":int")) {
                try {
                    return new java.math.BigDecimal(v);
                } catch (NumberFormatException e) {
                    problems.add(place(n) + ": \"" + v + "\" is not a number Palisade reads (write it in decimal)");
                    return null;
                }
            }
            if (tag.endsWith(":float")) {
                try {
                    return new java.math.BigDecimal(v);
                } catch (NumberFormatException e) {
                    problems.add(place(n) + ": \"" + v + "\" is not a number Palisade reads");
                    return null;
                }
            }
            if (tag.endsWith(":bool")) {
                return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
            }
            return v;
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node e : seq.getValue()) {
                Object v = plain(e);
                if (v == null) {
                    return null;
                }
                if (v instanceof List<?>) {
                    problems.add(place(e) + ": a parameter list holds strings, numbers or booleans");
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        problems.add(place(n) + ": a parameter value is a string, a number, a boolean or a list of them");
        return null;
    }

    /** {@code type: PodSecurity}: a level (required) and a version ({@code latest} when left out). */
    private AdmissionPluginConfig podSecurity(MappingNode map, Map<String, Node> f) {
        if (f.containsKey("paths")) {
            problems.add(place(f.get("paths")) + ": admission plugin of type PodSecurity takes no \"paths\""
                    + " (its policies ship with palisade)");
        }
        String levelText = scalar(f.get("level"));
        PodSecurityLevel level = null;
        if (!f.containsKey("level")) {
            problems.add(place(map) + ": admission plugin of type PodSecurity needs \"level\""
                    + " (privileged, baseline or restricted)");
        } else if (levelText != null) {
            try {
                level = PodSecurityLevel.parse(levelText);
            } catch (IllegalArgumentException e) {
                problems.add(place(f.get("level")) + ": " + e.getMessage());
            }
        }
        PodSecurityVersion version = PodSecurityVersion.LATEST;
        if (f.containsKey("version")) {
            String versionText = scalar(f.get("version"));
            try {
                version = versionText == null ? null : PodSecurityVersion.parse(versionText);
            } catch (IllegalArgumentException e) {
                problems.add(place(f.get("version")) + ": " + e.getMessage());
                version = null;
            }
        }
        if (level == null || version == null) {
            return null;
        }
        String name = f.containsKey("name") ? scalar(f.get("name")) : null;
        return new AdmissionPluginConfig("PodSecurity", name == null ? "PodSecurity" : name, List.of(), place(map),
                level, version);
    }

    private List<Path> paths(Node node) {
        return nodes.existingPaths(node, "[admission/]");
    }

    private Map<String, Node> fields(MappingNode map, String what, Set<String> known) {
        return nodes.fields(map, what, known);
    }

    private String scalar(Node n) {
        return nodes.scalar(n, "value");
    }

    private String place(Node n) {
        return nodes.place(n);
    }
}
