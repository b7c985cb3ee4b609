package dev.palisade.engine.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizerChainTest {
    static final RequestAttributes REQUEST =
            RequestAttributes.resource(UserInfo.of("alice", "devs"), "get", "default", "", "pods", "", "");

    static Authorizer fixed(String name, Decision d) {
        return new Authorizer() {
            @Override public String name() { return name; }
            @Override public Decision authorize(RequestAttributes r) { return d; }
        };
    }

    static Authorizer allow(String n) { return fixed(n, Decision.allow(new Reason(n, "r", "allowed by " + n, ""))); }
    static Authorizer deny(String n) { return fixed(n, Decision.deny(new Reason(n, "r", "denied by " + n, ""))); }
    static Authorizer none(String n) { return fixed(n, Decision.noOpinion()); }
    static Authorizer broken(String n) { return fixed(n, Decision.error(n + " exploded")); }
    static Authorizer throwing(String n) {
        return new Authorizer() {
            @Override public String name() { return n; }
            @Override public Decision authorize(RequestAttributes r) { throw new IllegalStateException("boom"); }
        };
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("first allow decides", List.of(allow("a"), deny("b")), Verdict.ALLOW, "a"),
                Arguments.of("first deny decides", List.of(deny("a"), allow("b")), Verdict.DENY, "a"),
                Arguments.of("no opinion passes on to allow", List.of(none("a"), allow("b")), Verdict.ALLOW, "b"),
                Arguments.of("no opinion passes on to deny", List.of(none("a"), deny("b")), Verdict.DENY, "b"),
                Arguments.of("all no opinion is deny", List.of(none("a"), none("b")), Verdict.DENY, "chain"),
                Arguments.of("error passes on, never allows", List.of(broken("a"), none("b")), Verdict.DENY, "chain"),
                Arguments.of("error then allow: the working authorizer decides", List.of(broken("a"), allow("b")), Verdict.ALLOW, "b"),
                Arguments.of("throwing authorizer is an error", List.of(throwing("a")), Verdict.DENY, "chain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void unionSemantics(String name, List<Authorizer> authorizers, Verdict expected, String decidedBy) {
        Decision d = new AuthorizerChain(authorizers).authorize(REQUEST);
        assertEquals(expected, d.verdict());
        assertEquals(decidedBy, d.reasons().get(0).authorizer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void everyFailureBeforeTheVerdictIsCarried(String name, List<Authorizer> authorizers, Verdict expected, String decidedBy) {
        Decision d = new AuthorizerChain(authorizers).authorize(REQUEST);
        boolean failedBeforeVerdict = false;
        for (Authorizer a : authorizers) {
            if (a.name().equals(decidedBy)) {
                break;
            }
            Decision own;
            try {
                own = a.authorize(REQUEST);
            } catch (RuntimeException e) {
                own = Decision.error(e.toString());
            }
            failedBeforeVerdict |= !own.errors().isEmpty();
        }
        assertEquals(failedBeforeVerdict, !d.errors().isEmpty(), name + ": " + d);
    }

    static Stream<Arguments> failurePolicies() {
        return Stream.of(
                Arguments.of("error with Deny ends the chain", FailurePolicy.DENY, allow("b"), Verdict.DENY, "a"),
                Arguments.of("error with NoOpinion: the next allows, error kept", FailurePolicy.NO_OPINION, allow("b"), Verdict.ALLOW, "b"),
                Arguments.of("error with NoOpinion: the next denies, error kept", FailurePolicy.NO_OPINION, deny("b"), Verdict.DENY, "b"),
                Arguments.of("error with NoOpinion: nobody decides", FailurePolicy.NO_OPINION, none("b"), Verdict.DENY, "chain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failurePolicies")
    void failurePolicyDecidesWhatAFailureMeans_andTheErrorIsAlwaysCarried(String name, FailurePolicy policy, Authorizer next,
                                                                        Verdict expected, String decidedBy) {
        for (Authorizer failing : List.of(broken("a"), throwing("a"))) {
            Decision d = new AuthorizerChain(List.of(failing, next), List.of(policy, FailurePolicy.NO_OPINION)).authorize(REQUEST);
            assertEquals(expected, d.verdict(), name);
            assertEquals(decidedBy, d.reasons().get(0).authorizer(), name);
            assertTrue(d.errorText().contains("a"), name + ": the failure is carried: " + d);
        }
    }

    @org.junit.jupiter.api.Test
    void throwingAuthorizerErrorIsReported() {
        Decision d = new AuthorizerChain(List.of(throwing("webhook"))).authorize(REQUEST);
        assertTrue(d.errorText().contains("webhook"), d.errorText());
        assertTrue(d.errorText().contains("boom"), d.errorText());
    }

    @Provide
    Arbitrary<List<Integer>> kinds() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(0).ofMaxSize(6);
    }

    private static List<Authorizer> build(List<Integer> kinds) {
        List<Authorizer> out = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            String n = "a" + i;
            out.add(switch (kinds.get(i)) {
                case 0 -> allow(n);
                case 1 -> deny(n);
                case 2 -> none(n);
                default -> broken(n);
            });
        }
        return out;
    }

    /**
     * Inserting a NO_OPINION authorizer anywhere in a chain changes nothing (the reason of an
     * empty chain, which has no authorizer at all, says so instead: see the test below).
     */
    @Property(tries = 300)
    void noOpinionAuthorizerChangesNothing(@ForAll("kinds") List<Integer> kinds,
                                           @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 6) int at) {
        List<Authorizer> chain = build(kinds);
        List<Authorizer> withNone = new ArrayList<>(chain);
        withNone.add(Math.min(at, chain.size()), none("extra"));
        Decision a = new AuthorizerChain(chain).authorize(REQUEST);
        Decision b = new AuthorizerChain(withNone).authorize(REQUEST);
        assertEquals(a.verdict(), b.verdict());
        if (!chain.isEmpty()) {
            assertEquals(a.reasons(), b.reasons());
        }
    }

    /** An admission- or authentication-only configuration has no authorizer: every request is denied, saying why. */
    @org.junit.jupiter.api.Test
    void emptyChainDeniesSayingNoAuthorizerIsConfigured() {
        Decision d = new AuthorizerChain(List.of()).authorize(REQUEST);
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals("no authorizer is configured (this configuration has no \"authorization\" section)",
                d.reasons().get(0).message());
    }

    /** The chain allows exactly when the first non-NO_OPINION answer is ALLOW. */
    @Property(tries = 300)
    void allowIffFirstOpinionIsAllow(@ForAll("kinds") List<Integer> kinds) {
        Decision d = new AuthorizerChain(build(kinds)).authorize(REQUEST);
        Integer first = kinds.stream().filter(k -> k == 0 || k == 1).findFirst().orElse(null);
        assertEquals(first != null && first == 0, d.allowed());
    }
}
