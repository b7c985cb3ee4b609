package dev.palisade.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.http.Impersonation;
import dev.palisade.engine.http.ImpersonationCheck;
import dev.palisade.engine.http.ImpersonationResult;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attributes as the apiserver's RequestInfoFactory derives them (the http/ port, fed the logged
 * verb), and the impersonation checks the http/ filter makes for a logged impersonatedUser.
 */
class AuditRequestTest {

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // uri | verb | group | version | namespace | resource | subresource | name
        "/api/v1/namespaces/default/pods|list||v1|default|pods||",
        "/api/v1/namespaces/default/pods/web|get||v1|default|pods||web",
        "/api/v1/namespaces/default/pods/web/log?container=c|get||v1|default|pods|log|web",
        "/apis/apps/v1/namespaces/prod/deployments/api/scale|patch|apps|v1|prod|deployments|scale|api",
        "/api/v1/namespaces/foo|get||v1|foo|namespaces||foo",
        "/api/v1/namespaces/foo/status|update||v1|foo|namespaces|status|foo",
        "/api/v1/namespaces/foo/finalize|update||v1|foo|namespaces|finalize|foo",
        "/api/v1/namespaces|create||v1||namespaces||",
        "/api/v1/nodes/n1/proxy/metrics/cadvisor|get||v1||nodes|proxy|n1",
        "/api/v1/proxy/nodes/n1/metrics|proxy||v1||nodes||n1",
        "/api/v1/watch/namespaces/ns/pods|watch||v1|ns|pods||",
        "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1|watch||v1||pods||",
        "/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name%3Ddb|list||v1|ns|secrets||db",
        "/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name%3D%3Ddb,type%3Dx|watch||v1|ns|secrets||db",
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings|create|rbac.authorization.k8s.io|v1||clusterrolebindings||",
    })
    void resourceRequestsFromTheUri(String uri, String verb, String group, String version, String namespace,
                                    String resource, String subresource, String name) {
        RequestAttributes info = AuditRequest.of(event(uri, verb, null)).request();
        assertTrue(info.resourceRequest(), uri);
        assertEquals(verb, info.verb(), "the logged verb is the one the apiserver resolved");
        assertEquals(List.of(n(group), version, n(namespace), resource, n(subresource), n(name)),
                List.of(info.apiGroup(), info.apiVersion(), info.namespace(), info.resource(), info.subresource(),
                        info.name()));
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    @ParameterizedTest
    @CsvSource({"/api", "/apis", "/api/v1", "/apis/apps", "/apis/apps/v1", "/healthz", "/version?timeout=32s", "/", "/openapi/v2"})
    void discoveryAndHealthAreNonResourceRequests(String uri) {
        RequestAttributes info = AuditRequest.of(event(uri, "get", null)).request();
        assertFalse(info.resourceRequest());
        assertEquals(uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri, info.path());
    }

    @Test
    void createIsAuthorizedWithoutTheNewObjectsName() {
        // objectRef.name is filled in from the object after authorization: a resourceNames rule never saw it
        AuditEvent e = event("/api/v1/namespaces", "create", new ObjectRef("namespaces", "", "foo", "", "v1", ""));
        RequestAttributes r = AuditRequest.of(e).request();
        assertEquals("", r.name());
        assertEquals("namespaces", r.resource());
        AuditEvent noUri = event("", "create", new ObjectRef("configmaps", "ns", "cm", "", "v1", ""));
        assertEquals("", AuditRequest.of(noUri).request().name());
        assertEquals("ns", AuditRequest.of(noUri).request().namespace());
    }

    @Test
    void aUriTheApiserverCouldNotReadFallsBackToObjectRef() {
        // "/api/v1/watch" has no resource after the special verb: a 400 upstream, never authorized
        RequestAttributes r = AuditRequest.of(event("/api/v1/watch", "watch",
                new ObjectRef("pods", "ns", "", "", "v1", ""))).request();
        assertEquals(List.of("pods", "ns"), List.of(r.resource(), r.namespace()));
        assertEquals("/api/v1/watch", AuditRequest.of(event("/api/v1/watch", "watch", null)).request().path());
    }

    @Test
    void theEscapedPathIsDecodedAsTheApiserverReadsIt() {
        RequestAttributes r = AuditRequest.of(event("/api/v1/namespaces/ns/configmaps/a%3Ab", "get", null)).request();
        assertEquals("a:b", r.name());
    }

    @Test
    void nonResourceRequestsUseThePathWithoutQuery() {
        RequestAttributes r = AuditRequest.of(event("/healthz?verbose=1", "get", null)).request();
        assertFalse(r.resourceRequest());
        assertEquals("/healthz", r.path());
    }

    @Test
    void impersonatingAUserChecksTheUserAndTheGroupsAskedFor() {
        UserInfo admin = UserInfo.of("admin", "system:masters");
        UserInfo target = new UserInfo("bob", "uid-7", List.of("devs", "system:authenticated"),
                Map.of("scopes", List.of("view")));
        List<RequestAttributes> checks = checks(admin, target);
        assertEquals(List.of("users/bob", "groups/devs", "userextras/scopes/view", "uids/uid-7"),
                checks.stream().map(c -> c.resource() + "/" + (c.subresource().isEmpty() ? "" : c.subresource() + "/")
                        + c.name()).toList());
        assertTrue(checks.stream().allMatch(c -> c.verb().equals("impersonate") && c.user().equals(admin)));
        assertEquals("authentication.k8s.io", checks.get(2).apiGroup());
    }

    @Test
    void impersonatingAServiceAccountChecksItInItsNamespaceNotItsImpliedGroups() {
        UserInfo target = new UserInfo("system:serviceaccount:ns1:sa1", "",
                List.of("system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"), Map.of());
        List<RequestAttributes> checks = checks(UserInfo.of("admin"), target);
        assertEquals(1, checks.size());
        assertEquals(List.of("ns1", "serviceaccounts", "sa1"),
                List.of(checks.get(0).namespace(), checks.get(0).resource(), checks.get(0).name()));
    }

    @Test
    void extraKeysThatNeedEscapingReachTheFilterAsLogged() {
        UserInfo target = new UserInfo("bob", "", List.of(), Map.of("example.dev/Team Name", List.of("a")));
        assertEquals("example.dev/team name", checks(UserInfo.of("admin"), target).get(1).subresource(),
                "keys are lower-cased by the filter, as the apiserver stores them");
    }

    /** The checks the impersonation filter makes for a logged impersonation, when all are allowed. */
    private static List<RequestAttributes> checks(UserInfo requester, UserInfo target) {
        AuditEvent e = new AuditEvent("id", "ResponseComplete", "Metadata", "get", "/api", requester, target, null, 200,
                "", "", false);
        AuditRequest request = AuditRequest.of(e);
        assertTrue(request.impersonating());
        assertEquals(target, request.request().user(), "the request is judged for the impersonated identity");
        ImpersonationResult r = Impersonation.apply(request.requester(), request.impersonation(),
                StaticAuthorizer.alwaysAllow());
        assertFalse(r.refused(), r.error());
        assertTrue(r.checks().stream().map(ImpersonationCheck::decision).allMatch(Decision::allowed));
        return r.checks().stream().map(ImpersonationCheck::attributes).toList();
    }

    private static AuditEvent event(String uri, String verb, ObjectRef ref) {
        return new AuditEvent("id", "ResponseComplete", "Metadata", verb, uri, UserInfo.of("u"), null, ref, 200, "", "",
                false);
    }
}
