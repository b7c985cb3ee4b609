package dev.palisade.engine.policy;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A compiled DSL policy set as one authorizer of the chain: deny overrides allow inside the
 * set, no matching rule is NO_OPINION, and any failure is an error decision, never an allow.
 * Thread-safe, as {@link PolicyProgram} is.
 */
public final class PolicyAuthorizer implements Authorizer {
    private final String name;
    private final PolicyProgram program;

    public PolicyAuthorizer(String name, PolicyProgram program) {
        this.name = Objects.requireNonNull(name, "name");
        this.program = Objects.requireNonNull(program, "program");
    }

    @Override
    public String name() {
        return name;
    }

    public PolicyProgram program() {
        return program;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        PolicyResult result;
        try {
            result = program.evaluate(request);
        } catch (Exception e) {
            return Decision.error("policy " + name + ": " + describe(e));
        }
        if (result.effect() == null) {
            return Decision.noOpinion();
        }
        Verdict verdict = result.effect() == Effect.DENY ? Verdict.DENY : Verdict.ALLOW;
        List<Reason> reasons = result.matched().stream().map(this::reason).toList();
        return new Decision(verdict, reasons, List.of());
    }

    private Reason reason(RuleInfo rule) {
        String message = rule.message() != null && !rule.message().isEmpty()
                ? rule.message()
                : (rule.effect() == Effect.DENY ? "denied" : "allowed") + " by rule \"" + rule.id() + "\"";
        return new Reason(name, rule.id(), message, rule.location());
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
