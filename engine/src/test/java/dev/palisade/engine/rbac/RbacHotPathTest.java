package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the hot path change no decision: identities no grant names are skipped,
 * fact objects are reused from request to request, decisions are shared objects.
 */
class RbacHotPathTest {
    private static final PolicyRule READ = new PolicyRule(List.of("get"), List.of(""), List.of("pods"), null, null);
    private static final PolicyRule WRITE = new PolicyRule(List.of("update"), List.of(""), List.of("pods"), null, null);

    private static RbacAuthorizer authorizer() {
        return RbacAuthorizer.of(new RbacPolicy(null,
                List.of(ClusterRole.of("reader", READ), ClusterRole.of("writer", WRITE)),
                List.of(RoleBinding.of("dev", "w", RoleRef.clusterRole("writer"), Subject.group("devs")),
                        RoleBinding.of("dev", "r", RoleRef.clusterRole("reader"), Subject.user("alice"))),
                List.of(ClusterRoleBinding.of("all-read", "reader", Subject.group("readers")))));
    }

    private static RequestAttributes get(String user, List<String> groups, String verb, String ns) {
        return RequestAttributes.resource(new UserInfo(user, "", groups, Map.of()), verb, ns, "", "pods", "", "");
    }

    @Test
    void groupsNoGrantNames_changeNothing() {
        try (RbacAuthorizer rbac = authorizer()) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                many.add("oidc-group-" + i);
            }
            List<String> withDevs = new ArrayList<>(many);
            withDevs.add(25, "devs");
            assertTrue(rbac.authorize(get("bob", withDevs, "update", "dev")).allowed());
            assertEquals(Verdict.NO_OPINION, rbac.authorize(get("bob", many, "update", "dev")).verdict());
            assertEquals(Verdict.NO_OPINION, rbac.authorize(get("nobody", List.of(), "get", "dev")).verdict());
            assertTrue(rbac.authorize(get("alice", many, "get", "dev")).allowed());
            assertFalse(rbac.authorize(get("alice", many, "get", "prod")).allowed());
        }
    }

    @Test
    void reusedFacts_doNotCarryOneRequestIntoTheNext() {
        try (RbacAuthorizer rbac = authorizer()) {
            for (int round = 0; round < 3; round++) {
                // allow, then requests that differ in one attribute each must not inherit the allow
                assertTrue(rbac.authorize(get("bob", List.of("devs"), "update", "dev")).allowed());
                assertFalse(rbac.authorize(get("bob", List.of("devs"), "update", "prod")).allowed());
                assertFalse(rbac.authorize(get("bob", List.of("devs"), "delete", "dev")).allowed());
                assertFalse(rbac.authorize(get("bob", List.of(), "update", "dev")).allowed());
                assertTrue(rbac.authorize(get("carol", List.of("x", "readers", "y", "devs"), "get", "prod")).allowed());
                assertFalse(rbac.authorize(get("carol", List.of("x", "y"), "get", "prod")).allowed());
            }
        }
    }

    @Test
    void aUserSeenWithOtherGroups_isJudgedByTheGroupsOfEachRequest() {
        try (RbacAuthorizer rbac = authorizer()) {
            for (int round = 0; round < 3; round++) {
                assertTrue(rbac.authorize(get("bob", List.of("devs"), "update", "dev")).allowed());
                assertFalse(rbac.authorize(get("bob", List.of("readers"), "update", "dev")).allowed());
                assertTrue(rbac.authorize(get("bob", List.of("readers"), "get", "dev")).allowed());
                assertFalse(rbac.authorize(get("bob", List.of("devs"), "get", "dev")).allowed());
            }
        }
    }

    @Test
    void aFullIdentityCache_startsAgain_withoutChangingDecisions() {
        // a bound of 3 keys: every few requests the thread's cached identities are all deleted
        try (RbacAuthorizer small = RbacAuthorizer.of(authorizer().policy(), 3);
             RbacAuthorizer large = authorizer()) {
            for (int i = 0; i < 200; i++) {
                String user = i % 7 == 0 ? "alice" : "user-" + (i % 13);
                List<String> groups = i % 3 == 0 ? List.of("devs", "readers") : i % 3 == 1 ? List.of("readers") : List.of();
                String verb = i % 2 == 0 ? "get" : "update";
                String ns = i % 5 == 0 ? "prod" : "dev";
                RequestAttributes r = get(user, groups, verb, ns);
                assertEquals(large.authorize(r), small.authorize(r), r.describe() + " by " + r.user());
            }
        }
    }

    @Test
    void theSameGrantAllows_withTheSameReason() {
        try (RbacAuthorizer rbac = authorizer()) {
            Decision first = rbac.authorize(get("bob", List.of("readers"), "get", "a"));
            Decision second = rbac.authorize(get("eve", List.of("readers"), "get", "b"));
            assertTrue(first.allowed());
            assertEquals(first, second);
            assertTrue(first.reasonText().contains("all-read"), first.reasonText());
        }
    }

    @Test
    void shadowedGrants_areDropped_andTheFirstBindingIsStillNamed() {
        // same subject, same scope, same role: only the first (lowest order) can ever be the answer
        try (RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null,
                List.of(ClusterRole.of("reader", READ), ClusterRole.of("writer", WRITE)),
                List.of(RoleBinding.of("dev", "r1", RoleRef.clusterRole("reader"), Subject.group("devs")),
                        RoleBinding.of("dev", "r2", RoleRef.clusterRole("reader"), Subject.group("devs")),
                        RoleBinding.of("prod", "r3", RoleRef.clusterRole("reader"), Subject.group("devs"))),
                List.of(ClusterRoleBinding.of("crb-b", "writer", Subject.group("ops")),
                        ClusterRoleBinding.of("crb-a", "writer", Subject.group("ops")),
                        ClusterRoleBinding.of("crb-c", "reader", Subject.group("ops")))))) {
            assertEquals(4, rbac.grantCount()); // r1, r3 (other namespace), crb-b, crb-c (other role)
            Decision dev = rbac.authorize(get("bob", List.of("devs"), "get", "dev"));
            assertTrue(dev.allowed());
            assertTrue(dev.reasons().get(0).ruleId().contains("r1"), dev.reasons().toString());
            assertTrue(rbac.authorize(get("bob", List.of("devs"), "get", "prod")).allowed());
            Decision ops = rbac.authorize(get("carol", List.of("ops"), "update", "dev"));
            assertTrue(ops.allowed());
            assertTrue(ops.reasons().get(0).ruleId().contains("crb-b"), ops.reasons().toString());
            assertTrue(rbac.authorize(get("carol", List.of("ops"), "get", "x")).allowed());
        }
    }
}
