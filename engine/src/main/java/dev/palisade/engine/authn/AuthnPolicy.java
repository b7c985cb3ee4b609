package dev.palisade.engine.authn;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.authn.AuthnInput;
import dev.palisade.dsl.authn.AuthnProgram;
import dev.palisade.dsl.authn.Rejection;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.parse.ParseLimits;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.engine.policy.PolicyStage;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DSL {@code authn} rules judging the authentication stage's result: any matching reject turns a
 * success (anonymous included) into a failure whose 401 reason names each rule, its message and
 * {@code file:line:col}; no match keeps the user. Fails closed: a rule set that cannot be
 * evaluated rejects, and what went wrong is reported by type only (the text might hold input).
 */
public final class AuthnPolicy implements AutoCloseable {
    /** The name rejections are reported under, as authenticator errors are under theirs. */
    public static final String NAME = "authn policy";

    /** What judges a user; {@link AuthnProgram#judge} in production. Must throw rather than guess. */
    @FunctionalInterface
    public interface Rules {
        List<Rejection> judge(AuthnInput input);
    }

    private final Rules rules;
    private final AutoCloseable resources;

    public AuthnPolicy(Rules rules) {
        this(rules, () -> { });
    }

    private AuthnPolicy(Rules rules, AutoCloseable resources) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.resources = resources;
    }

    /**
     * Loads, checks and builds the authn rules of these files and folders. Authorization or
     * admission rules there are an error: in this place they would silently never run.
     *
     * @throws PolicyException with every diagnostic, positioned
     */
    public static AuthnPolicy load(List<Path> paths) {
        return load(paths, ParseLimits.DEFAULTS);
    }

    /** As {@link #load(List)}, parsing within the given limits. */
    public static AuthnPolicy load(List<Path> paths, ParseLimits limits) {
        List<PolicyFile> files = PolicyLoader.load(paths, limits).orThrow().files();
        PolicyStage.AUTHENTICATION.requireOwnRules(files);
        AuthnProgram program = AuthnCompiler.compile(files).build();
        return new AuthnPolicy(program::judge, program);
    }

    /** The result itself when it is a failure or no rule rejects it; otherwise a failure naming every rejecting rule. */
    public AuthenticationResult judge(AuthenticationResult result) {
        if (!result.authenticated()) {
            return result; // nobody to judge: the chain's own 401 stands
        }
        List<AuthenticatorError> errors = new ArrayList<>(result.errors());
        List<Rejection> rejections;
        try {
            rejections = Objects.requireNonNull(rules.judge(input(result)), "no answer");
        } catch (RuntimeException e) {
            errors.add(new AuthenticatorError(NAME, "could not be evaluated (" + e.getClass().getSimpleName()
                    + "); refusing the user"));
            return AuthenticationResult.unauthenticated(errors);
        }
        if (rejections.isEmpty()) {
            return result;
        }
        for (Rejection r : rejections) {
            errors.add(new AuthenticatorError(NAME, r.render()));
        }
        return AuthenticationResult.unauthenticated(errors);
    }

    private static AuthnInput input(AuthenticationResult result) {
        UserInfo u = result.user();
        return new AuthnInput(u.name(), u.uid(), u.groups(), u.extra(), result.method().spelling(), result.authenticator());
    }

    /** Releases what the built rules hold (pooled Drools sessions). Idempotent. */
    @Override
    public void close() throws Exception {
        resources.close();
    }
}
