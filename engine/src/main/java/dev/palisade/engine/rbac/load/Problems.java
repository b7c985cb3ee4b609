package dev.palisade.engine.rbac.load;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects problems for one load, each tied to the file being read and a node's line. */
final class Problems {
    private final List<LoadProblem> all = new ArrayList<>();
    private String file = "";

    void file(String name) {
        this.file = name;
    }

    String file() {
        return file;
    }

    void at(Node node, String message) {
        at(line(node), message);
    }

    void at(int line, String message) {
        all.add(new LoadProblem(file, line, message));
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    boolean any() {
        return !all.isEmpty();
    }

    List<LoadProblem> list() {
        return all;
    }
}
