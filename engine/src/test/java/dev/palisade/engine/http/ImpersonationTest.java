package dev.palisade.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The impersonation filter's checks and results (after upstream's TestImpersonationFilter). */
class ImpersonationTest {
    private static final UserInfo ADMIN = UserInfo.of("admin", "system:authenticated");

    /** Allows exactly the impersonate checks the predicate accepts. */
    private static Authorizer allowing(Predicate<RequestAttributes> ok) {
        return new Authorizer() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Decision authorize(RequestAttributes r) {
                return r.verb().equals("impersonate") && ok.test(r) ? Decision.allow(new Reason("test", "", "ok", "")) : Decision.noOpinion();
            }
        };
    }

    @Test
    void noHeadersMeansNoImpersonation() {
        ImpersonationResult r = Impersonation.apply(ADMIN, new RequestHeaders(), allowing(a -> true));
        assertFalse(r.impersonating());
        assertEquals(ADMIN, r.user());
    }

    @Test
    void userGroupsExtrasAndUidEachNeedTheirOwnCheck() {
        RequestHeaders h = new RequestHeaders().add("Impersonate-User", "jane").add("Impersonate-Group", "dev")
                .add("impersonate-group", "ops").add("Impersonate-Extra-Scopes", "view").add("Impersonate-Extra-Scopes", "edit")
                .add("Impersonate-Extra-example.com%2fteam", "a").add("Impersonate-Uid", "1234");
        ImpersonationResult r = Impersonation.apply(ADMIN, h, allowing(a -> true));
        assertFalse(r.refused(), r.error());
        assertEquals(new UserInfo("jane", "1234", List.of("dev", "ops", "system:authenticated"),
                Map.of("scopes", List.of("view", "edit"), "example.com/team", List.of("a"))), r.user());
        List<String> checks = r.checks().stream().map(c -> c.attributes().apiGroup() + "|" + c.attributes().resource() + "|"
                + c.attributes().subresource() + "|" + c.attributes().name()).toList();
        assertEquals(List.of("|users||jane", "|groups||dev", "|groups||ops", "authentication.k8s.io|userextras|scopes|view",
                "authentication.k8s.io|userextras|scopes|edit", "authentication.k8s.io|userextras|example.com/team|a",
                "authentication.k8s.io|uids||1234"), checks);
        assertTrue(r.checks().stream().allMatch(c -> c.attributes().user().equals(ADMIN)), "checks are the requester's");
    }

    @Test
    void firstRefusedCheckForbidsTheRequest() {
        RequestHeaders h = new RequestHeaders().add("Impersonate-User", "jane").add("Impersonate-Group", "system:masters");
        ImpersonationResult r = Impersonation.apply(ADMIN, h, allowing(a -> a.resource().equals("users")));
        assertTrue(r.refused());
        assertEquals(403, r.status());
        assertTrue(r.error().contains("cannot impersonate groups \"system:masters\""), r.error());
        assertEquals(2, r.checks().size());
    }

    @Test
    void serviceAccountIsCheckedAsServiceAccountAndGetsItsGroups() {
        RequestHeaders h = new RequestHeaders().add("Impersonate-User", "system:serviceaccount:prod:builder");
        ImpersonationResult r = Impersonation.apply(ADMIN, h, allowing(a -> a.resource().equals("serviceaccounts")
                && a.namespace().equals("prod") && a.name().equals("builder")));
        assertFalse(r.refused(), r.error());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"), r.user().groups());
    }

    @Test
    void anonymousGetsUnauthenticatedAndExplicitAllGroupsAreKept() {
        ImpersonationResult anon = Impersonation.apply(ADMIN, new RequestHeaders().add("Impersonate-User", "system:anonymous"),
                allowing(a -> true));
        assertEquals(List.of("system:unauthenticated"), anon.user().groups());
        ImpersonationResult unauth = Impersonation.apply(ADMIN, new RequestHeaders().add("Impersonate-User", "bob")
                .add("Impersonate-Group", "system:unauthenticated"), allowing(a -> true));
        assertEquals(List.of("system:unauthenticated"), unauth.user().groups());
    }

    @Test
    void groupsWithoutUserAreABadRequest() {
        for (String header : Set.of("Impersonate-Group", "Impersonate-Uid", "Impersonate-Extra-x")) {
            ImpersonationResult r = Impersonation.apply(ADMIN, new RequestHeaders().add(header, "v"), allowing(a -> true));
            assertTrue(r.refused(), header);
            assertEquals(400, r.status());
        }
    }
}
