package dev.palisade.engine.config;

import dev.palisade.dsl.load.PolicyRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Strict reading of one configuration file's YAML nodes, shared by the section readers: every
 * problem is added to one list with its {@code file:line:col}, so that all problems of the file
 * are reported together.
 */
final class ConfigNodes {
    private final Path file;
    private final List<String> problems;

    ConfigNodes(Path file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    void problem(Node at, String message) {
        problems.add(place(at) + ": " + message);
    }

    /** The fields of a mapping; unknown, non-string and repeated keys are problems. */
    Map<String, Node> fields(MappingNode map, String what, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                problem(t.getKeyNode(), "keys must be plain strings");
            } else if (!known.contains(key)) {
                problem(t.getKeyNode(), "unknown field \"" + key + "\" in " + what
                        + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            } else if (out.put(key, t.getValueNode()) != null) {
                problem(t.getKeyNode(), "field \"" + key + "\" appears twice");
            }
        }
        return out;
    }

    /** A single value, or null (a problem unless the node is absent). */
    String scalar(Node n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(n, "\"" + what + "\" must be a single value");
        return null;
    }

    /** A non-empty list of paths that exist, resolved against the configuration file's folder and kept relative. */
    List<Path> existingPaths(Node node, String example) {
        List<Path> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            problem(node, "\"paths\" must be a list, e.g. " + example);
            return out;
        }
        if (seq.getValue().isEmpty()) {
            problem(seq, "\"paths\" is empty");
        }
        for (Node p : seq.getValue()) {
            String text = scalar(p, "path");
            if (text == null) {
                continue;
            }
            Path resolved = resolve(text);
            if (!Files.exists(resolved)) {
                problem(p, "path \"" + text + "\" does not exist (resolved to " + resolved + ")");
            } else if (!refused(p, text, resolved)) {
                out.add(resolved);
            }
        }
        return out;
    }

    /**
     * Whether a configured path is refused (with a problem): a link in the configuration's folder
     * leading out of it, or something other than a regular file or folder (D11).
     */
    boolean refused(Node at, String text, Path resolved) {
        Path base = file.toAbsolutePath().getParent();
        Optional<String> why = PolicyRoot.of(base == null ? Path.of("") : base).refuseFileOrFolder(resolved);
        why.ifPresent(reason -> problem(at, "path \"" + text + "\": " + reason));
        return why.isPresent();
    }

    /** A path written in the file, resolved against the file's folder and kept relative as written. */
    Path resolve(String text) {
        Path base = file.getParent() == null ? Path.of("") : file.getParent();
        return base.resolve(text).normalize();
    }

    String place(Node n) {
        return place(n.getStartMark());
    }

    String place(Mark m) {
        return m == null ? file.toString() : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }
}
