package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles a checked policy set (authorization rules) to DRL plus the side tables the DRL's ids
 * refer to. Each rule's condition is brought into DNF; each alternative becomes one Drools rule
 * {@code rK_J} (policy rule K, alternative J) whose consequence records K on the request fact.
 */
public final class PolicyCompiler {
    /** Most Drools rules one policy rule may expand to; keeps DNF blow-up visible and bounded. */
    public static final int MAX_ALTERNATIVES = 64;

    private PolicyCompiler() {}

    /**
     * @throws IllegalArgumentException for an AST the checker should have rejected
     * @throws PolicyException          for a rule whose condition needs more than {@link #MAX_ALTERNATIVES} alternatives
     */
    public static CompiledPolicySet compile(List<PolicyFile> files) {
        Objects.requireNonNull(files, "files");
        Tables tables = new Tables();
        ConditionLowering lowering = new ConditionLowering(tables, MAX_ALTERNATIVES);
        DrlWriter drl = new DrlWriter();
        List<RuleInfo> infos = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (PolicyFile file : files) {
            Objects.requireNonNull(file, "policy file");
            for (Rule rule : file.rules()) {
                RuleInfo info = info(file, rule);
                if (!ids.add(info.id())) {
                    throw new IllegalArgumentException("duplicate rule id " + info.id());
                }
                int index = infos.size();
                infos.add(info);
                Dnf dnf;
                try {
                    dnf = lowering.lower(rule.condition(), false);
                } catch (Dnf.TooLarge e) {
                    errors.add(tooLarge(rule, info, e.cap));
                    continue;
                }
                int term = 0;
                for (Set<Literal> literals : dnf.terms()) {
                    drl.rule(index, term++, literals);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(errors);
        }
        return new CompiledPolicySet(drl.drl(), infos, tables.symbolTable(), tables.predicateTable());
    }

    private static RuleInfo info(PolicyFile file, Rule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.effect() == null || rule.name() == null || rule.name().isEmpty()) {
            throw new IllegalArgumentException("rule without effect or name in " + file.source());
        }
        String pkg = file.packageName();
        String id = pkg.isEmpty() ? rule.name() : pkg + "/" + rule.name();
        return new RuleInfo(id, rule.effect(), rule.because(), rule.span());
    }

    private static Diagnostic tooLarge(Rule rule, RuleInfo info, int cap) {
        if (rule.span() == null) {
            throw new IllegalArgumentException("rule " + info.id() + ": condition expands to more than "
                    + cap + " alternatives");
        }
        return Diagnostic.error(rule.span(),
                "condition of rule \"" + info.id() + "\" expands to more than " + cap + " alternatives",
                "split the rule into several rules, or factor common tests out of or-groups");
    }
}
