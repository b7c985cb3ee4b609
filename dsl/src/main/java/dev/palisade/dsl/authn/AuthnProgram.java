package dev.palisade.dsl.authn;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.runtime.MessageRenderer;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.runtime.PolicyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Built authn rules, ready to judge authenticated users. Runs on a {@link PolicyProgram} (one
 * reused session per thread, facts removed after each evaluation) like authorization rules do.
 * Every matching reject is reported; no match accepts the user. Thread-safe.
 */
public final class AuthnProgram implements AutoCloseable {
    /** The message of a reject rule without {@code because}. */
    static final String DEFAULT_MESSAGE = "rejected by authentication policy";

    private final PolicyProgram program;
    private final Map<String, AuthnRuleInfo> byId = new HashMap<>();
    private final List<AuthnRuleInfo> rules;

    /** {@code program} must have been built from the authn rules {@code rules} describe, in that order. */
    public AuthnProgram(PolicyProgram program, List<AuthnRuleInfo> rules) {
        this.program = Objects.requireNonNull(program, "program");
        this.rules = List.copyOf(rules);
        if (program.rules().size() != this.rules.size()) {
            throw new IllegalArgumentException("one report entry per compiled rule");
        }
        for (int i = 0; i < this.rules.size(); i++) {
            if (!program.rules().get(i).id().equals(this.rules.get(i).id())) {
                throw new IllegalArgumentException("rule " + i + " is " + program.rules().get(i).id() + ", not " + this.rules.get(i).id());
            }
            byId.put(this.rules.get(i).id(), this.rules.get(i));
        }
    }

    public List<AuthnRuleInfo> rules() {
        return rules;
    }

    /**
     * The rejections of this user, in rule order; empty means accepted. Every exception
     * propagates: a caller must treat it as a rejection (fail closed).
     */
    public List<Rejection> judge(AuthnInput input) {
        Objects.requireNonNull(input, "input");
        PolicyResult result = program.evaluate(input);
        if (result.effect() == null) {
            return List.of();
        }
        if (result.effect() != Effect.DENY) {
            throw new IllegalStateException("authn rules can only reject, got " + result.effect());
        }
        List<Rejection> out = new ArrayList<>();
        for (RuleInfo matched : result.matched()) {
            AuthnRuleInfo info = byId.get(matched.id());
            if (info == null) {
                throw new IllegalStateException("no authn rule " + matched.id());
            }
            out.add(new Rejection(info.id(), info.because() == null ? DEFAULT_MESSAGE
                    : MessageRenderer.render(info.because(), input, RuleStage.AUTHENTICATION), info.location()));
        }
        return List.copyOf(out);
    }

    /** Releases the pooled sessions; later judging fails (and so rejects). Idempotent. */
    @Override
    public void close() {
        program.close();
    }
}
