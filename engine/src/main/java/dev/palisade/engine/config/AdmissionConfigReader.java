package dev.palisade.engine.config;

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
        Map<String, Node> f = fields(map, "admission plugin", Set.of("type", "name", "paths", "level", "version"));
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
        return new AdmissionPluginConfig(type, name == null ? type : name, paths(pathsNode), place(map));
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
