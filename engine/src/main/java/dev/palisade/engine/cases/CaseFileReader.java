package dev.palisade.engine.cases;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a case file strictly: a mapping with a non-empty {@code cases} list of mappings, each
 * with a {@code name} and an {@code expect} its stage knows. Everything wrong is a
 * {@link CaseFileException} naming {@code file:line:col}; nothing is guessed.
 */
public final class CaseFileReader {
    /** How case files are named; the policy they test is the same name with {@code .pal}. */
    public static final String SUFFIX = ".cases.yaml";

    private CaseFileReader() {}

    public static CaseFile read(Path file) {
        String shown = file.toString();
        String text;
        try {
            text = SafeYaml.decode(shown, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CaseFileException(shown + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        } catch (YamlReadException e) {
            throw new CaseFileException(e.getMessage(), e);
        }
        Node root;
        Object values;
        try {
            root = SafeYaml.compose(shown, text, YamlLimits.CONFIG);
            values = SafeYaml.load(shown, text, YamlLimits.CONFIG);
        } catch (YamlReadException e) {
            throw new CaseFileException(e.getMessage(), e);
        }
        if (!(root instanceof MappingNode map) || !(values instanceof Map<?, ?> doc)) {
            throw new CaseFileException(shown + ":1:1: a case file is a mapping with a \"cases\" list");
        }
        Node casesNode = field(map, "cases");
        if (!(casesNode instanceof SequenceNode seq) || seq.getValue().isEmpty()
                || !(doc.get("cases") instanceof List<?> caseValues)) {
            throw new CaseFileException(at(shown, casesNode == null ? map : casesNode) + ": \"cases\" must be a non-empty list");
        }
        CaseStage stage;
        List<Path> policies;
        if (doc.containsKey("policies")) {
            stage = CaseStage.ADMISSION;
            policies = policyList(shown, file, field(map, "policies"), doc.get("policies"));
        } else {
            Path policy = policyBeside(file);
            if (!Files.isRegularFile(policy)) {
                throw new CaseFileException(shown + ":1:1: no policy to test: " + policy.getFileName()
                        + " is not beside it, and there is no \"policies\" list");
            }
            policies = List.of(policy);
            stage = stageOf(policy);
        }
        List<PolicyCase> cases = new ArrayList<>();
        for (int i = 0; i < caseValues.size(); i++) {
            Node node = seq.getValue().get(i);
            if (!(caseValues.get(i) instanceof Map<?, ?> c)) {
                throw new CaseFileException(at(shown, node) + ": a case is a mapping with \"name\" and \"expect\"");
            }
            cases.add(caseOf(shown, stage, node, c));
        }
        return new CaseFile(file, stage, policies, cases);
    }

    /** {@code X.pal} for {@code X.cases.yaml}. */
    public static Path policyBeside(Path caseFile) {
        String n = caseFile.getFileName().toString();
        String base = n.endsWith(SUFFIX) ? n.substring(0, n.length() - SUFFIX.length()) : n;
        return caseFile.resolveSibling(base + ".pal");
    }

    @SuppressWarnings("unchecked")
    private static PolicyCase caseOf(String shown, CaseStage stage, Node node, Map<?, ?> c) {
        Object name = c.get("name");
        if (!(name instanceof String s) || s.isBlank()) {
            throw new CaseFileException(at(shown, node) + ": a case needs a \"name\"");
        }
        Object expect = c.get("expect");
        if (expect == null || !stage.verdicts().contains(expect.toString())) {
            throw new CaseFileException(at(shown, node) + ": case \"" + s + "\": \"expect\" must be one of "
                    + String.join(", ", stage.verdicts()) + " for " + stage.name().toLowerCase() + " cases, not "
                    + (expect == null ? "nothing" : "\"" + expect + "\""));
        }
        String required = switch (stage) {
            case AUTHORIZATION -> "request";
            case AUTHENTICATION -> "user";
            case ADMISSION -> "object";
        };
        if (!(c.get(required) instanceof Map)) {
            throw new CaseFileException(at(shown, node) + ": case \"" + s + "\" needs \"" + required + "\" (a mapping)");
        }
        return new PolicyCase(s, shown + ":" + (node.getStartMark().getLine() + 1), (Map<String, Object>) c);
    }

    private static List<Path> policyList(String shown, Path file, Node node, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new CaseFileException(at(shown, node) + ": \"policies\" must be a non-empty list of policy files");
        }
        List<Path> out = new ArrayList<>();
        for (Object p : list) {
            Path policy = file.resolveSibling(String.valueOf(p));
            if (!Files.isRegularFile(policy)) {
                throw new CaseFileException(at(shown, node) + ": policy " + p + " does not exist (looked for " + policy + ")");
            }
            out.add(policy);
        }
        return out;
    }

    /** Authentication when the policy holds reject rules, authorization otherwise. */
    private static CaseStage stageOf(Path policy) {
        List<PolicyFile> files = PolicyLoader.load(policy).orThrow().files();
        boolean authn = files.stream().anyMatch(f -> !f.authnRules().isEmpty());
        boolean admission = files.stream().anyMatch(f -> !f.admissionRules().isEmpty());
        if (admission) {
            throw new CaseFileException(policy + ": admission rules are tested by a case file with a \"policies\" list");
        }
        return authn ? CaseStage.AUTHENTICATION : CaseStage.AUTHORIZATION;
    }

    private static Node field(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String at(String shown, Node node) {
        return shown + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }
}
