package dev.palisade.engine.policy;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.listing.AllowRuleLister;
import dev.palisade.dsl.listing.Listing;
import dev.palisade.dsl.runtime.MessageRenderer;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled DSL policy set as one authorizer of the chain: deny overrides allow inside the
 * set, no matching rule is NO_OPINION, and any failure is an error decision, never an allow.
 * Thread-safe, as {@link PolicyProgram} is.
 */
public final class PolicyAuthorizer implements Authorizer, AutoCloseable {
    private final String name;
    private final PolicyProgram program;
    /** Per rule (by identity: the program hands out its own RuleInfo instances), built once. */
    private final Map<RuleInfo, Reason> reasons = new IdentityHashMap<>();
    /** The decision when exactly this rule decided, the common case: no allocation per request. */
    private final Map<RuleInfo, Decision> singles = new IdentityHashMap<>();
    private final AllowRuleLister lister;
    private final List<PolicyFile> source;

    public PolicyAuthorizer(String name, PolicyProgram program) {
        this(name, program, null);
    }

    /** As {@link #PolicyAuthorizer(String, PolicyProgram)}, able to list its allow rules from the source files. */
    public PolicyAuthorizer(String name, PolicyProgram program, List<PolicyFile> source) {
        this.name = Objects.requireNonNull(name, "name");
        this.program = Objects.requireNonNull(program, "program");
        this.lister = source == null ? null : new AllowRuleLister(source);
        this.source = source == null ? null : List.copyOf(source);
        for (RuleInfo rule : program.rules()) {
            if (MessageRenderer.hasHoles(rule.because())) {
                continue; // its message names request values: rendered per request
            }
            Reason reason = reason(rule, null);
            reasons.put(rule, reason);
            singles.put(rule, new Decision(verdict(rule.effect()), List.of(reason), List.of()));
        }
    }

    /** Decided by what was loaded at build time only. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    public PolicyProgram program() {
        return program;
    }

    /**
     * What the allow rules grant this subject, as RBAC-shaped rules (for SelfSubjectRulesReview);
     * empty when the authorizer was built without its source files.
     */
    public Optional<Listing> listAllowed(AllowRuleLister.Subject subject) {
        return lister == null ? Optional.empty() : Optional.of(lister.list(subject));
    }

    /** The policy files this authorizer was compiled from, when it was built with them (for explain). */
    public Optional<List<PolicyFile>> source() {
        return Optional.ofNullable(source);
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
            return Decision.NO_OPINION;
        }
        List<RuleInfo> matched = result.matched();
        if (matched.size() == 1) {
            Decision single = singles.get(matched.get(0));
            if (single != null) {
                return single;
            }
        }
        Reason[] out = new Reason[matched.size()];
        for (int i = 0; i < out.length; i++) {
            RuleInfo rule = matched.get(i);
            Reason r = reasons.get(rule);
            out[i] = r != null ? r : reason(rule, request);
        }
        return new Decision(verdict(result.effect()), List.of(out), List.of());
    }

    private static Verdict verdict(Effect effect) {
        return effect == Effect.DENY ? Verdict.DENY : Verdict.ALLOW;
    }

    /** The reason a rule gives; {@code request} fills its message's holes (null when it has none). */
    private Reason reason(RuleInfo rule, RequestAttributes request) {
        String message = rule.message() == null || rule.message().isEmpty()
                ? (rule.effect() == Effect.DENY ? "denied" : "allowed") + " by rule \"" + rule.id() + "\""
                : request != null && MessageRenderer.hasHoles(rule.because())
                        ? MessageRenderer.render(rule.because(), request, RuleStage.AUTHORIZATION)
                        : rule.message();
        return new Reason(name, rule.id(), message, rule.location());
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A guard rail that errs must not fail open: a failing policy set denies unless configured otherwise. */
    @Override
    public FailurePolicy defaultFailurePolicy() {
        return FailurePolicy.DENY;
    }

    /** Releases the program's sessions (one in use is released when its request ends). */
    @Override
    public void close() {
        program.close();
    }
}
