package dev.palisade.engine.rbac.load;

import dev.palisade.dsl.load.FolderWalk;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.LabelSelector;
import dev.palisade.engine.rbac.model.ObjectSource;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.dsl.load.PolicyRoot;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads Role, ClusterRole, RoleBinding and ClusterRoleBinding objects from YAML or JSON, as
 * {@code kubectl get -o yaml} writes them: multi-document streams, {@code kind: List} and typed
 * lists ({@code RoleBindingList}…) with {@code items}. Folders are read recursively
 * ({@code *.yaml, *.yml, *.json}, sorted). Objects of other kinds are skipped and counted.
 * Every malformed object is reported with {@code file:line}; if there is any, the whole load
 * fails with all of them ({@link RbacLoadException}).
 */
public final class RbacObjectsLoader {
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Set<String> RULE_FIELDS =
            Set.of("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs");
    private static final Set<String> SUBJECT_FIELDS = Set.of("kind", "apiGroup", "name", "namespace");
    private static final Set<String> ROLE_REF_FIELDS = Set.of("kind", "apiGroup", "name");
    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> REQUIREMENT_FIELDS = Set.of("key", "operator", "values");

    /** Problems listed per file before the rest are summed up in one "… N more problems" line (D15). */
    public static final int DEFAULT_MAX_PROBLEMS_PER_FILE = Problems.MAX_PROBLEMS_PER_FILE;

    private final YamlLimits limits;
    private final int maxProblemsPerFile;

    /** With the default bounds: {@link YamlLimits#RBAC} and {@link #DEFAULT_MAX_PROBLEMS_PER_FILE}. */
    public RbacObjectsLoader() {
        this(YamlLimits.RBAC, DEFAULT_MAX_PROBLEMS_PER_FILE);
    }

    /** With explicit bounds, e.g. from a configuration's limits. */
    public RbacObjectsLoader(YamlLimits limits, int maxProblemsPerFile) {
        if (maxProblemsPerFile < 1) {
            throw new IllegalArgumentException("maxProblemsPerFile must be at least 1");
        }
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.maxProblemsPerFile = maxProblemsPerFile;
    }

    /** Loads files and folders, in the order given (folders' files sorted). */
    public LoadedRbac load(List<Path> paths) {
        Run run = new Run(limits, maxProblemsPerFile);
        for (Path file : files(paths, run.problems)) {
            run.problems.file(file.toString());
            try {
                run.stream(SafeYaml.decode(file.toString(), Files.readAllBytes(file)));
            } catch (YamlReadException e) {
                run.problems.at(e.line(), e.reason() + (e.column() > 0 ? " (column " + e.column() + ")" : ""));
            } catch (IOException e) {
                run.problems.at(0, "cannot read: " + e.getClass().getSimpleName());
            }
        }
        return run.finish();
    }

    /** Loads one document stream given as text; {@code fileName} is used in problems and reasons. */
    public LoadedRbac loadText(String fileName, String text) {
        Run run = new Run(limits, maxProblemsPerFile);
        run.problems.file(fileName);
        run.stream(text);
        return run.finish();
    }

    private static List<Path> files(List<Path> paths, Problems problems) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            PolicyRoot root = PolicyRoot.of(p);
            if (Files.isDirectory(p)) {
                try {
                    // links and special files are listed so that they are refused by name, not skipped
                    FolderWalk.files(p, RbacObjectsLoader::isPolicyFile).forEach(f -> admit(root, f.normalize(), out, problems));
                } catch (IOException e) {
                    problems.file(p.toString());
                    problems.at(0, "cannot list folder: " + e.getClass().getSimpleName());
                }
            } else if (Files.exists(p)) {
                admit(root, p.normalize(), out, problems); // named explicitly: read whatever its extension
            } else {
                problems.file(p.toString());
                problems.at(0, "no such file or folder");
            }
        }
        return new ArrayList<>(out);
    }

    /** Adds a file to read unless it is a link leaving its folder or not a regular file (D11). */
    private static void admit(PolicyRoot root, Path file, Set<Path> out, Problems problems) {
        Optional<String> refused = root.refuseFile(file);
        if (refused.isPresent()) {
            problems.file(file.toString());
            problems.at(0, "cannot read: " + refused.get());
        } else {
            out.add(file);
        }
    }

    private static boolean isPolicyFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** One load: the objects found so far, the problems, and what was seen for duplicate checks. */
    private static final class Run {
        final YamlLimits limits;
        final Problems problems;
        final List<Role> roles = new ArrayList<>();
        final List<ClusterRole> clusterRoles = new ArrayList<>();
        final List<RoleBinding> roleBindings = new ArrayList<>();
        final List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final Map<String, ObjectSource> seen = new HashMap<>();

        Run(YamlLimits limits, int maxProblemsPerFile) {
            this.limits = limits;
            this.problems = new Problems(maxProblemsPerFile);
        }

        void stream(String text) {
            if (looksLikeJson(text)) {
                // JSON is YAML, except that YAML forbids the tabs JSON writers indent with. Outside
                // strings a tab is only whitespace, and raw tabs inside JSON strings are invalid
                // anyway, so spaces read the same document, on the same lines.
                text = text.replace('\t', ' ');
            }
            try {
                SafeYaml.composeAll(problems.file(), text, limits, document -> {
                    if (document != null && !YamlObject.isNull(document)) {
                        object(document, "");
                    }
                });
            } catch (YamlReadException e) {
                problems.at(e.line(), e.reason());
            }
        }

        private static boolean looksLikeJson(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c == '{' || c == '[';
                }
            }
            return false;
        }

        void object(Node node, String defaultKind) {
            YamlObject obj = YamlObject.of(node, problems, "an object");
            if (obj == null) {
                return;
            }
            String kind = obj.string("kind");
            if (kind.isEmpty()) {
                kind = defaultKind;
            }
            if (kind.isEmpty()) {
                problems.at(node, "object has no \"kind\"");
                return;
            }
            if (kind.endsWith("List")) {
                String itemKind = kind.equals("List") ? "" : kind.substring(0, kind.length() - "List".length());
                for (Node item : obj.list("items")) {
                    object(item, itemKind);
                }
                return;
            }
            String apiVersion = obj.string("apiVersion");
            boolean rbacGroup = apiVersion.isEmpty() || apiVersion.startsWith(RBAC_GROUP + "/");
            switch (rbacGroup ? kind : "") {
                case "Role" -> role(obj);
                case "ClusterRole" -> clusterRole(obj);
                case "RoleBinding" -> roleBinding(obj);
                case "ClusterRoleBinding" -> clusterRoleBinding(obj);
                default -> skipped.merge(kind, 1, Integer::sum);
            }
        }

        void role(YamlObject obj) {
            YamlObject meta = metadata(obj, "Role");
            String name = meta == null ? "" : meta.requiredString("name", "Role metadata");
            String namespace = meta == null ? "" : meta.requiredString("namespace", "Role metadata");
            Map<String, String> labels = meta == null ? Map.of() : meta.stringMap("labels");
            List<PolicyRule> rules = rules(obj);
            ObjectSource source = source(obj);
            if (unique("Role " + quote(namespace + "/" + name), source)) {
                roles.add(new Role(name, namespace, labels, rules, source));
            }
        }

        void clusterRole(YamlObject obj) {
            YamlObject meta = metadata(obj, "ClusterRole");
            String name = meta == null ? "" : meta.requiredString("name", "ClusterRole metadata");
            Map<String, String> labels = meta == null ? Map.of() : meta.stringMap("labels");
            List<PolicyRule> rules = rules(obj);
            Optional<List<LabelSelector>> aggregation = aggregationRule(obj);
            ObjectSource source = source(obj);
            if (unique("ClusterRole " + quote(name), source)) {
                clusterRoles.add(new ClusterRole(name, labels, rules, aggregation, source));
            }
        }

        void roleBinding(YamlObject obj) {
            YamlObject meta = metadata(obj, "RoleBinding");
            // names are optional: upstream's own test bindings have none, and a nameless binding still grants
            String name = meta == null ? "" : meta.string("name");
            String namespace = meta == null ? "" : meta.requiredString("namespace", "RoleBinding metadata");
            String what = "RoleBinding " + quote(name + "/" + namespace);
            RoleRef ref = roleRef(obj, what, false);
            List<Subject> subjects = subjects(obj, what, true);
            ObjectSource source = source(obj);
            if (ref != null && (name.isEmpty() || unique(what, source))) {
                roleBindings.add(new RoleBinding(name, namespace, subjects, ref, source));
            }
        }

        void clusterRoleBinding(YamlObject obj) {
            YamlObject meta = metadata(obj, "ClusterRoleBinding");
            String name = meta == null ? "" : meta.string("name");
            String what = "ClusterRoleBinding " + quote(name);
            RoleRef ref = roleRef(obj, what, true);
            List<Subject> subjects = subjects(obj, what, false);
            ObjectSource source = source(obj);
            if (ref != null && (name.isEmpty() || unique(what, source))) {
                clusterRoleBindings.add(new ClusterRoleBinding(name, subjects, ref, source));
            }
        }

        YamlObject metadata(YamlObject obj, String kind) {
            YamlObject meta = obj.object("metadata", kind + " metadata");
            if (meta == null && !obj.has("metadata")) {
                problems.at(obj.line(), kind + " has no metadata");
            }
            return meta;
        }

        List<PolicyRule> rules(YamlObject obj) {
            List<PolicyRule> rules = new ArrayList<>();
            for (Node item : obj.list("rules")) {
                YamlObject r = YamlObject.of(item, problems, "a rule");
                if (r == null) {
                    continue;
                }
                r.rejectUnknown(RULE_FIELDS, "rule");
                int before = problems.count();
                List<String> verbs = r.strings("verbs");
                if (verbs.isEmpty() && problems.count() == before) { // not when already reported as malformed
                    problems.at(item, "rule has no verbs, so it would grant nothing");
                }
                rules.add(new PolicyRule(verbs, r.strings("apiGroups"), r.strings("resources"),
                        r.strings("resourceNames"), r.strings("nonResourceURLs")));
            }
            return rules;
        }

        Optional<List<LabelSelector>> aggregationRule(YamlObject obj) {
            YamlObject rule = obj.object("aggregationRule", "aggregationRule");
            if (rule == null) {
                return Optional.empty();
            }
            rule.rejectUnknown(Set.of("clusterRoleSelectors"), "aggregationRule");
            List<LabelSelector> selectors = new ArrayList<>();
            for (Node item : rule.list("clusterRoleSelectors")) {
                YamlObject sel = YamlObject.of(item, problems, "a clusterRoleSelector");
                if (sel == null) {
                    continue;
                }
                sel.rejectUnknown(SELECTOR_FIELDS, "clusterRoleSelector");
                List<LabelSelector.Requirement> requirements = new ArrayList<>();
                for (Node e : sel.list("matchExpressions")) {
                    LabelSelector.Requirement r = requirement(e);
                    if (r != null) {
                        requirements.add(r);
                    }
                }
                selectors.add(new LabelSelector(sel.stringMap("matchLabels"), requirements));
            }
            return Optional.of(selectors);
        }

        LabelSelector.Requirement requirement(Node node) {
            YamlObject e = YamlObject.of(node, problems, "a matchExpressions entry");
            if (e == null) {
                return null;
            }
            e.rejectUnknown(REQUIREMENT_FIELDS, "matchExpressions entry");
            String key = e.requiredString("key", "matchExpressions entry");
            String op = e.requiredString("operator", "matchExpressions entry");
            List<String> values = e.strings("values");
            LabelSelector.Operator operator;
            try {
                operator = LabelSelector.Operator.valueOf(op);
            } catch (IllegalArgumentException ex) {
                if (!op.isEmpty()) {
                    problems.at(node, "unknown selector operator \"" + op + "\" (use In, NotIn, Exists or DoesNotExist)");
                }
                return null;
            }
            boolean needsValues = operator == LabelSelector.Operator.In || operator == LabelSelector.Operator.NotIn;
            if (needsValues && values.isEmpty()) {
                problems.at(node, "operator " + op + " needs at least one value");
            } else if (!needsValues && !values.isEmpty()) {
                problems.at(node, "operator " + op + " takes no values");
            }
            return new LabelSelector.Requirement(key, operator, values);
        }

        RoleRef roleRef(YamlObject obj, String what, boolean clusterOnly) {
            YamlObject ref = obj.object("roleRef", what + " roleRef");
            if (ref == null) {
                if (!obj.has("roleRef")) {
                    problems.at(obj.line(), what + " has no roleRef");
                }
                return null;
            }
            ref.rejectUnknown(ROLE_REF_FIELDS, what + " roleRef");
            String kind = ref.requiredString("kind", what + " roleRef");
            String name = ref.requiredString("name", what + " roleRef");
            String group = ref.string("apiGroup");
            boolean kindOk = kind.equals(RoleRef.CLUSTER_ROLE) || (!clusterOnly && kind.equals(RoleRef.ROLE));
            if (!kind.isEmpty() && !kindOk) {
                problems.at(ref.line(), what + " roleRef kind must be "
                        + (clusterOnly ? "ClusterRole" : "Role or ClusterRole") + ", not \"" + kind + "\"");
            }
            if (!group.isEmpty() && !group.equals(RBAC_GROUP)) {
                problems.at(ref.line(), what + " roleRef apiGroup must be " + RBAC_GROUP + ", not \"" + group + "\"");
            }
            return kindOk && !name.isEmpty() ? new RoleRef(group, kind, name) : null;
        }

        List<Subject> subjects(YamlObject obj, String what, boolean namespaced) {
            List<Subject> subjects = new ArrayList<>();
            for (Node item : obj.list("subjects")) {
                YamlObject s = YamlObject.of(item, problems, what + " subject");
                if (s == null) {
                    continue;
                }
                s.rejectUnknown(SUBJECT_FIELDS, what + " subject");
                String kind = s.requiredString("kind", what + " subject");
                String name = s.requiredString("name", what + " subject");
                String namespace = s.string("namespace");
                switch (kind) {
                    case Subject.USER, Subject.GROUP -> { }
                    case Subject.SERVICE_ACCOUNT -> {
                        if (!namespaced && namespace.isEmpty()) {
                            problems.at(item, what + " ServiceAccount subject " + quote(name)
                                    + " needs a namespace (only RoleBindings default it)");
                        }
                    }
                    case "" -> { }
                    default -> problems.at(item, what + " has a subject of unknown kind \"" + kind
                            + "\" (use User, Group or ServiceAccount)");
                }
                subjects.add(new Subject(kind, s.string("apiGroup"), name, namespace));
            }
            return subjects;
        }

        ObjectSource source(YamlObject obj) {
            return new ObjectSource(problems.file(), obj.line());
        }

        /** Records the object; false with a problem when the same object was defined before. */
        boolean unique(String identity, ObjectSource source) {
            ObjectSource first = seen.putIfAbsent(identity, source);
            if (first != null) {
                problems.at(source.line(), "duplicate " + identity + " (first defined at " + first.render() + ")");
                return false;
            }
            return true;
        }

        LoadedRbac finish() {
            if (problems.any()) {
                throw new RbacLoadException(problems.list());
            }
            return new LoadedRbac(new RbacPolicy(roles, clusterRoles, roleBindings, clusterRoleBindings), skipped);
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }
    }
}
