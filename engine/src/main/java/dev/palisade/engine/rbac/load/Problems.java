package dev.palisade.engine.rbac.load;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects problems for one load, each tied to the file being read and a node's line. At most
 * {@link #MAX_PROBLEMS_PER_FILE} are kept per file; the rest are counted and summed up in one
 * line, so that a small hostile file cannot turn into gigabytes of error output (D15).
 */
final class Problems {
    /** Problems listed per file before the rest are only counted. */
    static final int MAX_PROBLEMS_PER_FILE = 100;

    private final List<LoadProblem> all = new ArrayList<>();
    private final int maxPerFile;
    private String file = "";
    private int inFile;
    private int total;

    Problems() {
        this(MAX_PROBLEMS_PER_FILE);
    }

    Problems(int maxPerFile) {
        this.maxPerFile = maxPerFile;
    }

    void file(String name) {
        summarize();
        this.file = name;
        this.inFile = 0;
    }

    String file() {
        return file;
    }

    void at(Node node, String message) {
        at(line(node), message);
    }

    void at(int line, String message) {
        total++;
        if (++inFile <= maxPerFile) {
            all.add(new LoadProblem(file, line, message));
        }
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    boolean any() {
        return total > 0;
    }

    /** Every problem found so far, listed or not: a reader compares it before and after a step. */
    int count() {
        return total;
    }

    /** The problems listed, ending with the "… N more problems" line of a file over the limit. */
    List<LoadProblem> list() {
        summarize();
        return all;
    }

    private void summarize() {
        if (inFile > maxPerFile) {
            int more = inFile - maxPerFile;
            all.add(new LoadProblem(file, 0, "… " + more + " more problem" + (more == 1 ? "" : "s") + " in " + file));
            inFile = maxPerFile; // summed up once
        }
    }
}
