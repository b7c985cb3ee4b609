package dev.palisade.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional decision cache: exact hits, no error decisions, only pure chains, bounded. */
class DecisionCacheTest {
    @TempDir
    Path dir;

    private static RequestAttributes get(String user, String namespace, String... groups) {
        return RequestAttributes.resource(UserInfo.of(user, groups), "get", namespace, "", "pods", "", "");
    }

    /** A chain stand-in that counts how often it is asked; purity is checked on {@code pure} instead. */
    private static final class Counting implements Authorizer {
        final AtomicInteger calls = new AtomicInteger();
        final Function<RequestAttributes, Decision> answer;

        Counting(Function<RequestAttributes, Decision> answer) {
            this.answer = answer;
        }

        @Override public String name() { return "chain"; }

        @Override public Decision authorize(RequestAttributes r) {
            calls.incrementAndGet();
            return answer.apply(r);
        }
    }

    private static CachingAuthorizer caching(Counting chain, int max) {
        return new CachingAuthorizer(chain, List.of(StaticAuthorizer.alwaysAllow()), new DecisionCache(max));
    }

    @Test
    void aHitIsTheChainsEarlierAnswerForAnEqualRequest() throws IOException {
        Files.writeString(dir.resolve("p.pal"), """
                allow "dev-reads" when "devs" in user.groups and verb == "get"
                deny "no-prod" when namespace == "prod"
                """);
        PolicyEngine plain = PolicyEngine.builder().policies("p", List.of(dir)).build();
        PolicyEngine cached = PolicyEngine.builder().policies("p", List.of(dir)).decisionCache(100).build();
        assertTrue(plain.decisionCacheStats().isEmpty());
        List<RequestAttributes> requests = List.of(get("alice", "dev", "devs"), get("alice", "prod", "devs"),
                get("bob", "dev"), get("alice", "dev", "devs", "other"));
        for (int round = 0; round < 2; round++) {
            for (RequestAttributes r : requests) {
                // a distinct but equal request object: the key is the attributes, not the instance
                RequestAttributes copy = get(r.userName(), r.namespace(), r.userGroups().toArray(String[]::new));
                assertEquals(plain.authorize(r), cached.authorize(copy));
            }
        }
        assertEquals(requests.size(), cached.decisionCacheStats().orElseThrow().size());
    }

    @Test
    void everyAttributeIsPartOfTheKey() {
        Counting chain = new Counting(r -> Decision.allow(new Reason("x", "", r.toString(), "")));
        CachingAuthorizer c = caching(chain, 100);
        UserInfo u = new UserInfo("alice", "1", List.of("a", "b"), Map.of("k", List.of("v")));
        List<RequestAttributes> variants = List.of(
                new RequestAttributes(u, "get", "ns", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(new UserInfo("alice", "2", List.of("a", "b"), Map.of("k", List.of("v"))), "get", "ns", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(new UserInfo("alice", "1", List.of("a"), Map.of("k", List.of("v"))), "get", "ns", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(new UserInfo("alice", "1", List.of("a", "b"), Map.of("k", List.of("w"))), "get", "ns", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(u, "list", "ns", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(u, "get", "ns2", "apps", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(u, "get", "ns", "", "v1", "deployments", "scale", "web", true, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v2", "deployments", "scale", "web", true, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v1", "pods", "scale", "web", true, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v1", "deployments", "", "web", true, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v1", "deployments", "scale", "db", true, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v1", "deployments", "scale", "web", false, ""),
                new RequestAttributes(u, "get", "ns", "apps", "v1", "deployments", "scale", "web", true, "/x"));
        for (RequestAttributes r : variants) {
            assertEquals(r.toString(), c.authorize(r).reasons().get(0).message());
        }
        assertEquals(variants.size(), chain.calls.get());
        assertEquals(variants.size(), c.cache().size());
    }

    @Test
    void hitsDoNotAskTheChain() {
        Counting chain = new Counting(r -> Decision.allow(new Reason("x", "", "ok", "")));
        CachingAuthorizer c = caching(chain, 10);
        Decision first = c.authorize(get("alice", "dev"));
        assertSame(first, c.authorize(get("alice", "dev")));
        assertEquals(1, chain.calls.get());
    }

    @Test
    void decisionsWithErrorsAreNeverCached() {
        Counting chain = new Counting(r -> new Decision(Verdict.DENY, List.of(), List.of("policy p: boom")));
        CachingAuthorizer c = caching(chain, 10);
        c.authorize(get("alice", "dev"));
        Decision again = c.authorize(get("alice", "dev"));
        assertEquals(List.of("policy p: boom"), again.errors());
        assertEquals(2, chain.calls.get());
        assertEquals(0, c.cache().size());
    }

    @Test
    void theSizeIsBounded() {
        Counting chain = new Counting(r -> Decision.deny(new Reason("x", "", r.userName(), "")));
        CachingAuthorizer c = caching(chain, 10);
        for (int i = 0; i < 1_000; i++) {
            RequestAttributes r = get("u" + i, "dev");
            assertEquals("u" + i, c.authorize(r).reasons().get(0).message());
            assertTrue(c.cache().size() <= 10, "size " + c.cache().size());
        }
        assertEquals(10, c.cache().size());
    }

    @Test
    void aChainWithAnImpureAuthorizerIsRefused() {
        Authorizer remote = new Authorizer() {
            @Override public String name() { return "corp-webhook"; }
            @Override public Decision authorize(RequestAttributes r) { return Decision.NO_OPINION; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyEngine.builder().add(StaticAuthorizer.alwaysDeny()).add(remote).decisionCache(10).build());
        assertTrue(e.getMessage().contains("corp-webhook"), e.getMessage());
        // the same chain without the cache is fine
        assertFalse(PolicyEngine.builder().add(remote).build().decisionCacheStats().isPresent());
    }

    @Test
    void aConfiguredCacheIsRefusedWithAWebhookAuthorizer() throws IOException {
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  cache: {maxEntries: 1000}
                  authorizers:
                    - type: AlwaysDeny
                    - type: Webhook
                      name: corp
                      webhook: {url: "https://authz.example/sar", failurePolicy: NoOpinion}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("palisade.yaml:4:") && p.contains("\"corp\"")),
                e.problems().toString());
    }

    @Test
    void aConfiguredCacheFrontsAPureChain() throws IOException {
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  cache: {maxEntries: 1000}
                  authorizers:
                    - type: AlwaysDeny
                """);
        PolicyEngine engine = PolicyEngine.fromConfig(f);
        assertEquals(new DecisionCacheStats(0, 1000), engine.decisionCacheStats().orElseThrow());
        Decision d = engine.authorize(get("alice", "dev"));
        assertEquals(Verdict.DENY, d.verdict());
        assertSame(d, engine.authorize(get("alice", "dev")));
    }

    @Test
    void aBadMaxEntriesIsReportedWithItsPlace() throws IOException {
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  cache: {maxEntries: lots}
                  authorizers:
                    - type: AlwaysDeny
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("palisade.yaml:4:") && p.contains("maxEntries")),
                e.problems().toString());
    }

    @Test
    void aNewEngineStartsWithAnEmptyCache() throws IOException {
        Files.writeString(dir.resolve("p.pal"), "allow \"a\" when namespace == \"dev\"\n");
        PolicyEngine v1 = PolicyEngine.builder().policies("p", List.of(dir)).decisionCache(10).build();
        assertEquals(Verdict.ALLOW, v1.authorize(get("alice", "dev")).verdict());
        Files.writeString(dir.resolve("p.pal"), "deny \"a\" when namespace == \"dev\"\n");
        PolicyEngine v2 = PolicyEngine.builder().policies("p", List.of(dir)).decisionCache(10).build();
        assertEquals(0, v2.decisionCacheStats().orElseThrow().size());
        assertEquals(Verdict.DENY, v2.authorize(get("alice", "dev")).verdict());
        assertEquals(1, v1.decisionCacheStats().orElseThrow().size());
    }
}
