package dev.palisade.dsl.compile;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The symbol-table compiler shared by authorization and authn rules: each rule's condition is
 * brought into DNF; each alternative becomes one Drools rule {@code rK_J} (rule K, alternative J,
 * a {@link RuleShape}) whose consequence records K on the request fact. What a match means is the
 * caller's business.
 */
final class RuleSetCompiler {
    /** One rule to compile: what reports say about it, its condition (null: always), where it is written. */
    record Source(RuleInfo info, Expr condition, Span span) {}

    private RuleSetCompiler() {}

    static CompiledPolicySet compile(List<Source> sources, int maxAlternatives) {
        Tables tables = new Tables();
        ConditionLowering lowering = new ConditionLowering(tables, maxAlternatives);
        List<RuleShape> shapes = new ArrayList<>();
        List<RuleInfo> infos = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (Source source : sources) {
            RuleInfo info = source.info();
            if (!ids.add(info.id())) {
                throw new IllegalArgumentException("duplicate rule id " + info.id());
            }
            int index = infos.size();
            infos.add(info);
            Dnf<Literal<AuthzAtom>> dnf;
            try {
                dnf = lowering.lower(source.condition(), false);
            } catch (Dnf.TooLarge e) {
                errors.add(tooLarge(source, e.cap()));
                continue;
            }
            int term = 0;
            for (Set<Literal<AuthzAtom>> literals : dnf.terms()) {
                shapes.add(RuleShape.of(index, term++, literals));
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(errors);
        }
        return new CompiledPolicySet(shapes, infos, tables.symbolTable(), tables.predicateTable());
    }

    private static Diagnostic tooLarge(Source source, int cap) {
        String id = source.info().id();
        if (source.span() == null) {
            throw new IllegalArgumentException("rule " + id + ": condition expands to more than " + cap + " alternatives");
        }
        return Diagnostic.error(source.span(),
                "condition of rule \"" + id + "\" expands to more than " + cap + " alternatives",
                "split the rule into several rules, or factor common tests out of or-groups");
    }

    static String id(String packageName, String name) {
        return packageName.isEmpty() ? name : packageName + "/" + name;
    }
}
