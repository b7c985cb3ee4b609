package dev.palisade.dsl.admission;

import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.source.SourceLimits;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.Mutation;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles the admission rules of a checked policy set to rule shapes (built as a Drools executable
 * model by the builder every stage shares) plus the Java tables their ids index (symbols, predicates,
 * sources, rules). Each DNF term of a rule becomes one Drools rule {@code aK_J}; mutating rules get
 * their own stage so each can be fired alone, in order.
 */
public final class AdmissionCompiler {
    public static final int MAX_ALTERNATIVES = SourceLimits.MAX_DNF_TERMS;

    private AdmissionCompiler() {}

    /** @throws PolicyException for a condition with too many alternatives */
    public static CompiledAdmissionSet compile(List<PolicyFile> files) {
        Objects.requireNonNull(files, "files");
        files = withDefaults(files);
        NodeCompiler nodes = new NodeCompiler();
        Map<String, Integer> symbols = Lowering.newSymbols();
        List<Node.Test> predicates = new ArrayList<>();
        Lowering lowering = new Lowering(nodes, symbols, predicates, MAX_ALTERNATIVES);
        List<AdmissionShape> shapes = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Diagnostic> errors = new ArrayList<>();
        int mutations = 0;
        for (PolicyFile file : files) {
            for (AdmissionRule rule : file.admissionRules()) {
                String id = file.packageName().isEmpty() ? rule.name() : file.packageName() + "/" + rule.name();
                if (!ids.add(id)) {
                    throw new IllegalArgumentException("duplicate rule id " + id);
                }
                int index = rules.size();
                int stage = rule.kind() == AdmissionRule.Kind.MUTATE ? mutations++ : -1;
                String eachVar = rule.forEach() == null ? null : rule.forEach().var();
                Map<String, Integer> vars = eachSources(rule, nodes);
                int eachSource = eachVar == null ? -1 : vars.get(eachVar);
                Dnf<Literal<AdmissionAtom>> dnf;
                try {
                    dnf = lowering.lower(rule.condition(), false, vars, eachVar);
                } catch (Dnf.TooLarge e) {
                    errors.add(Diagnostic.error(rule.span(), "condition of rule \"" + id + "\" expands to more than "
                            + MAX_ALTERNATIVES + " alternatives", "split the rule into several rules"));
                    continue;
                }
                List<Integer> ops = rule.operations().stream().map(w -> lowering.symbol(w.text())).toList();
                Set<String> resourceNames = new LinkedHashSet<>();
                rule.resources().forEach(w -> resourceNames.add(w.text()));
                List<Integer> res = resourceNames.stream().map(lowering::symbol).toList();
                int term = 0;
                for (Set<Literal<AdmissionAtom>> lits : dnf.terms()) {
                    shapes.add(AdmissionShape.of(index, term++, stage, ops, res, eachSource, lits));
                }
                AdmissionRuleInfo info = new AdmissionRuleInfo(id, rule.kind(), rule.enforcement(), rule.span());
                rules.add(new CompiledRule(info, stage, Set.copyOf(rule.operations().stream().map(AdmissionRule.Word::text).toList()),
                        Set.copyOf(resourceNames), message(rule, nodes, vars), edits(rule, nodes, vars, eachVar, eachSource)));
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(errors);
        }
        return new CompiledAdmissionSet(shapes, rules, List.copyOf(symbols.keySet()), predicates, nodes.sources());
    }

    /**
     * Parameterised files not instantiated by a configuration take their defaults; a parameter
     * without one is an error at its declaration (an instance in palisade.yaml must give it).
     */
    private static List<PolicyFile> withDefaults(List<PolicyFile> files) {
        if (files.stream().allMatch(f -> f.params().isEmpty()) || files.stream().noneMatch(AdmissionCompiler::readsParams)) {
            return files;
        }
        List<Diagnostic> missing = new ArrayList<>();
        for (PolicyFile f : files) {
            for (dev.palisade.dsl.ast.ParamDecl p : f.params()) {
                if (p.defaultValue() == null) {
                    missing.add(Diagnostic.error(p.nameSpan(), "parameter '" + p.name() + "' has no default",
                            "give it one (param " + p.name() + ": " + (p.type() == null ? "string" : p.type().spelling())
                                    + " = ...) or instantiate the policy in palisade.yaml (instances:)"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new PolicyException(missing);
        }
        return dev.palisade.dsl.params.Instantiation.instantiate(files, List.of());
    }

    private static boolean readsParams(PolicyFile f) {
        return f.admissionRules().stream().anyMatch(r -> r.allPaths().stream().anyMatch(p -> p.root().equals("params")));
    }

    /** The source of each for-each variable, outermost first; each nested one within the one before. */
    static Map<String, Integer> eachSources(AdmissionRule rule, NodeCompiler nodes) {
        Map<String, Integer> vars = new java.util.LinkedHashMap<>();
        if (rule.forEach() != null) {
            for (AdmissionRule.ForEach.Binding b : rule.forEach().bindings()) {
                vars.put(b.var(), nodes.source(b.lists(), vars));
            }
        }
        return java.util.Collections.unmodifiableMap(vars);
    }

    private static List<Object> message(AdmissionRule rule, NodeCompiler nodes, Map<String, Integer> vars) {
        if (rule.because() == null) {
            return List.of();
        }
        List<Object> parts = new ArrayList<>();
        for (Object p : rule.because().parts()) {
            if (p instanceof ObjPath path) {
                List<dev.palisade.dsl.ast.Cond.Quantified> chain = vars.containsKey(path.root()) ? List.of()
                        : dev.palisade.dsl.ast.Cond.chainTo(rule.condition(), path.root());
                parts.add(chain.isEmpty() ? nodes.path(path, vars) : nodes.witnessed(path, chain, vars));
            } else {
                parts.add(p);
            }
        }
        return parts;
    }

    private static List<CompiledRule.Edit> edits(AdmissionRule rule, NodeCompiler nodes, Map<String, Integer> vars,
                                                 String eachVar, int eachSource) {
        List<CompiledRule.Edit> out = new ArrayList<>();
        for (Mutation m : rule.mutations()) {
            ObjPath target = m.target();
            int source;
            if (target.root().equals("object")) {
                source = -1;
            } else if (target.root().equals(eachVar)) {
                source = eachSource;
            } else {
                throw new IllegalArgumentException("mutation target must start at object or the for-each element: "
                        + target.text());
            }
            Node.Value value = m.value() == null ? null : nodes.value(m.value(), vars);
            if (m.where() != null) {
                int slot = nodes.source(List.of(target), vars);
                Map<String, Integer> inner = new java.util.HashMap<>(vars);
                inner.put(m.var(), slot);
                out.add(new CompiledRule.Edit(m.op(), source, target.segments(), null, slot, nodes.test(m.where(), inner)));
            } else {
                out.add(new CompiledRule.Edit(m.op(), source, target.segments(), value));
            }
        }
        return out;
    }
}
