package dev.palisade.dsl.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.compile.Policies;
import java.util.List;

/** Test helper: authn policy text, parsed, checked (must be clean), compiled and built. */
final class AuthnPolicies {
    private AuthnPolicies() {}

    static AuthnProgram build(String... texts) {
        List<PolicyFile> files = Policies.parse(texts);
        assertEquals(List.of(), PolicyChecker.check(files));
        return AuthnCompiler.compile(files).build();
    }
}
