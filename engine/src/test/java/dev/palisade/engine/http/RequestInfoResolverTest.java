package dev.palisade.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table of the apiserver's request-info semantics (after upstream's TestGetAPIRequestInfo). */
class RequestInfoResolverTest {
    @ParameterizedTest(name = "{0} {1} → {2} {3}/{4}/{5} ns={6} {7}/{8} name={9}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // method | target | verb | prefix | group | version | namespace | resource | subresource | name
            "GET    | /api/v1/namespaces                                  | list   | api  |            | v1      |       | namespaces |          |",
            "GET    | /api/v1/namespaces/other                            | get    | api  |            | v1      | other | namespaces |          | other",
            "GET    | /api/v1/namespaces/other/pods                       | list   | api  |            | v1      | other | pods       |          |",
            "GET    | /api/v1/namespaces/other/pods/foo                   | get    | api  |            | v1      | other | pods       |          | foo",
            "HEAD   | /api/v1/namespaces/other/pods/foo                   | get    | api  |            | v1      | other | pods       |          | foo",
            "GET    | /api/v1/pods                                        | list   | api  |            | v1      |       | pods       |          |",
            "HEAD   | /api/v1/pods                                        | list   | api  |            | v1      |       | pods       |          |",
            "GET    | /api/v1/namespaces/ns/pods/name/log                 | get    | api  |            | v1      | ns    | pods       | log      | name",
            "GET    | /api/v1/proxy/namespaces/other/pods/foo             | proxy  | api  |            | v1      | other | pods       |          | foo",
            "GET    | /api/v1/proxy/namespaces/other/pods/foo/sub/path    | proxy  | api  |            | v1      | other | pods       |          | foo",
            "GET    | /api/v1/watch/pods                                  | watch  | api  |            | v1      |       | pods       |          |",
            "GET    | /api/v1/pods?watch=true                             | watch  | api  |            | v1      |       | pods       |          |",
            "GET    | /api/v1/pods?watch=false                            | list   | api  |            | v1      |       | pods       |          |",
            "GET    | /api/v1/watch/namespaces/other/pods                 | watch  | api  |            | v1      | other | pods       |          |",
            "GET    | /api/v1/namespaces/other/pods?watch=1               | watch  | api  |            | v1      | other | pods       |          |",
            "GET    | /api/v1/namespaces/other/pods?watch=0               | list   | api  |            | v1      | other | pods       |          |",
            "GET    | /api/v1/namespaces/other/pods?watch=yes             | watch  | api  |            | v1      | other | pods       |          |",
            "GET    | /api/v1/namespaces/other/pods/foo/status            | get    | api  |            | v1      | other | pods       | status   | foo",
            "GET    | /api/v1/namespaces/other/pods/foo/proxy/subpath     | get    | api  |            | v1      | other | pods       | proxy    | foo",
            "PUT    | /api/v1/namespaces/other/finalize                   | update | api  |            | v1      | other | namespaces | finalize | other",
            "PUT    | /api/v1/namespaces/other/status                     | update | api  |            | v1      | other | namespaces | status   | other",
            "PATCH  | /api/v1/namespaces/other/pods/foo                   | patch  | api  |            | v1      | other | pods       |          | foo",
            "DELETE | /api/v1/namespaces/other/pods/foo                   | delete | api  |            | v1      | other | pods       |          | foo",
            "POST   | /api/v1/namespaces/other/pods                       | create | api  |            | v1      | other | pods       |          |",
            "DELETE | /api/v1/nodes                                       | deletecollection | api |  | v1      |       | nodes      |          |",
            "DELETE | /api/v1/namespaces                                  | deletecollection | api |  | v1      |       | namespaces |          |",
            "DELETE | /api/v1/namespaces/other/pods                       | deletecollection | api |  | v1      | other | pods       |          |",
            "DELETE | /apis/extensions/v1/namespaces/other/pods           | deletecollection | apis | extensions | v1 | other | pods |    |",
            "POST   | /apis/extensions/v1/namespaces/other/pods           | create | apis | extensions | v1      | other | pods       |          |",
            "POST   | /apis/extensions/v1beta3/namespaces/other/pods      | create | apis | extensions | v1beta3 | other | pods       |          |",
            "GET    | /apis/apps/v1/namespaces/prod/deployments/web/scale | get    | apis | apps       | v1      | prod  | deployments | scale   | web",
            "GET    | /api/v1/namespaces/other/pods?fieldSelector=metadata.name%3Dfoo | list | api | | v1 | other | pods |  | foo",
            "GET    | /api/v1/namespaces/other/pods?watch=true&fieldSelector=metadata.name%3D%3Dfoo | watch | api | | v1 | other | pods | | foo",
            "GET    | /api/v1/namespaces/other/pods?fieldSelector=metadata.name%3D..  | list | api | | v1 | other | pods |  |",
            "OPTIONS | /api/v1/pods                                       |        | api  |            | v1      |       | pods       |          |",
    })
    void resourceRequests(String method, String target, String verb, String prefix, String group, String version,
                          String namespace, String resource, String subresource, String name) throws InvalidRequestException {
        RequestInfo info = RequestInfoResolver.resolve(method, target);
        assertEquals(true, info.resourceRequest());
        assertEquals(n(verb), info.verb(), "verb");
        assertEquals(prefix, info.apiPrefix());
        assertEquals(n(group), info.apiGroup(), "group");
        assertEquals(version, info.apiVersion());
        assertEquals(n(namespace), info.namespace(), "namespace");
        assertEquals(resource, info.resource(), "resource");
        assertEquals(n(subresource), info.subresource(), "subresource");
        assertEquals(n(name), info.name(), "name");
    }

    @ParameterizedTest(name = "{0} {1} is non-resource, verb {2}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api             | get",
            "GET  | /api/v1          | get",
            "GET  | /apis/extensions | get",
            "GET  | /apis/apps/v1    | get",
            "GET  | /healthz         | get",
            "POST | /version         | post",
            "HEAD | /metrics         | head",
            "GET  | /                | get",
            "GET  | /other/v1/pods/x | get",
    })
    void nonResourceRequests(String method, String target, String verb) throws InvalidRequestException {
        RequestInfo info = RequestInfoResolver.resolve(method, target);
        assertFalse(info.resourceRequest());
        assertEquals(verb, info.verb());
        assertEquals(target, info.path());
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/watch", "/api/v1/proxy", "/apis/apps/v1/watch"})
    void specialVerbWithoutResourceIsAnError(String target) {
        assertThrows(InvalidRequestException.class, () -> RequestInfoResolver.resolve("GET", target));
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
