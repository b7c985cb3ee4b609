package dev.palisade.engine.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.testing.Conformance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Roles suggested from a log, loaded back as RBAC (from their YAML), allow every request the
 * subject made and nothing outside the verbs, resources, namespaces and URLs of the log.
 */
class SuggestRoundTripTest {
    static final Path EXAMPLE_LOG = Path.of("..", "examples", "audit", "audit.log");
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection", "impersonate", "escalate");

    @Test
    void bobOnTheExampleLog() throws Exception {
        roundTrip(EXAMPLE_LOG, RoleSuggester.forUser("bob", false));
        roundTrip(EXAMPLE_LOG, RoleSuggester.forUser("bob", true));
    }

    @Test
    void aServiceAccountOnTheExampleLog() throws Exception {
        roundTrip(EXAMPLE_LOG, RoleSuggester.forServiceAccount("payments", "api", true));
    }

    @Test
    void everyoneOfTheAudit2rbacDemo() throws Exception {
        Path demo = Conformance.resolve("audit-logs/audit2rbac/demo.log");
        roundTrip(demo, RoleSuggester.forUser("bob", false));
        roundTrip(demo, RoleSuggester.forUser("alice", false));
        roundTrip(demo, RoleSuggester.forServiceAccount("ns1", "sa1", false));
    }

    @Test
    void theYamlIsStableAndGroupsResourcesThatShareVerbs() throws Exception {
        Suggestion s = RoleSuggester.forUser("bob", false).suggest(accessesOf(EXAMPLE_LOG, "bob"), 0);
        String yaml = RbacYamlWriter.write(s.policy());
        assertEquals(yaml, RbacYamlWriter.write(RoleSuggester.forUser("bob", false)
                .suggest(accessesOf(EXAMPLE_LOG, "bob"), 0).policy()));
        assertEquals(1, s.policy().roles().size()); // all of bob's requests were in payments
        assertEquals(0, s.policy().clusterRoles().size());
        assertTrue(yaml.contains("kind: RoleBinding"), yaml);
        assertTrue(yaml.contains("namespace: payments"), yaml);
    }

    private static void roundTrip(Path log, RoleSuggester suggester) throws Exception {
        Set<Access> accesses = accessesOf(log, suggester.userName());
        assertTrue(!accesses.isEmpty(), "the log has requests of " + suggester.userName());
        Suggestion s = suggester.suggest(accesses, accesses.size());
        String yaml = RbacYamlWriter.write(s.policy());
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacObjectsLoader().loadText("suggested.yaml", yaml).policy());
        UserInfo user = UserInfo.of(suggester.userName()); // bindings name the subject, not its groups
        for (Access a : accesses) {
            assertTrue(rbac.authorize(attributes(user, a)).allowed(), a + " must be allowed by\n" + yaml);
        }
        for (RequestAttributes outside : outside(user, accesses)) {
            assertTrue(!rbac.authorize(outside).allowed(), outside.describe() + " must not be allowed by\n" + yaml);
        }
        // and nobody else gains anything
        for (Access a : accesses) {
            assertTrue(!rbac.authorize(attributes(UserInfo.of("someone-else"), a)).allowed());
        }
    }

    /** Other verbs on the same resources, other resources, other namespaces, other URLs. */
    private static List<RequestAttributes> outside(UserInfo user, Set<Access> seen) {
        List<RequestAttributes> out = new ArrayList<>();
        for (Access a : seen) {
            for (String verb : VERBS) {
                boolean seenVerb = seen.stream().anyMatch(b -> b.verb().equals(verb) && b.apiGroup().equals(a.apiGroup())
                        && b.rbacResource().equals(a.rbacResource()) && b.path().equals(a.path())
                        && (b.namespace().equals(a.namespace()) || b.namespace().isEmpty()));
                if (!seenVerb) {
                    out.add(attributes(user, new Access(verb, a.apiGroup(), a.resource(), a.subresource(),
                            a.namespace(), a.name(), a.path())));
                }
            }
            if (a.resourceRequest()) {
                out.add(attributes(user, new Access(a.verb(), a.apiGroup(), "secrets-not-seen", "", a.namespace(),
                        a.name(), "")));
                out.add(attributes(user, new Access(a.verb(), "other.example.com", a.resource(), a.subresource(),
                        a.namespace(), a.name(), "")));
                boolean seenClusterWide = seen.stream().anyMatch(b -> b.namespace().isEmpty() && b.resourceRequest()
                        && b.verb().equals(a.verb()) && b.apiGroup().equals(a.apiGroup())
                        && b.rbacResource().equals(a.rbacResource()));
                if (!a.namespace().isEmpty() && !seenClusterWide) { // a cluster-wide request rightly covers every namespace
                    out.add(attributes(user, new Access(a.verb(), a.apiGroup(), a.resource(), a.subresource(),
                            "namespace-not-seen", a.name(), "")));
                }
            } else {
                out.add(attributes(user, new Access(a.verb(), "", "", "", "", "", a.path() + "-not-seen")));
            }
        }
        return out;
    }

    private static RequestAttributes attributes(UserInfo user, Access a) {
        return a.resourceRequest()
                ? RequestAttributes.resource(user, a.verb(), a.namespace(), a.apiGroup(), a.resource(), a.subresource(),
                        a.name())
                : RequestAttributes.nonResource(user, a.verb(), a.path());
    }

    static Set<Access> accessesOf(Path log, String userName) throws InterruptedException {
        Set<Access> accesses = new LinkedHashSet<>();
        PolicyEngine any = PolicyEngine.builder().add(StaticAuthorizer.alwaysDeny()).build();
        new BatchRunner(any).run(List.of(LogSource.of(log.toString())), new BatchListener() {
            @Override
            public void request(JudgedRequest r) {
                if (r.user().equals(userName)) {
                    accesses.add(Access.of(r));
                }
            }
        });
        return accesses;
    }
}
