package dev.palisade.dsl.compile;

import dev.palisade.dsl.runtime.AuthzInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An AuthzInput for tests, built with withers: {@code TestRequest.of().verb("get").groups("a")}. */
public record TestRequest(String userName, String userUid, List<String> userGroups,
                          Map<String, List<String>> userExtra, String verb, String namespace,
                          String apiGroup, String apiVersion, String resource, String subresource,
                          String name, String path, boolean resourceRequest) implements AuthzInput {

    public static TestRequest of() {
        return new TestRequest("", "", List.of(), Map.of(), "", "", "", "", "", "", "", "", true);
    }

    public TestRequest user(String v) { return new TestRequest(v, userUid, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest uid(String v) { return new TestRequest(userName, v, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest groups(String... v) { return new TestRequest(userName, userUid, List.of(v), userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest groupList(List<String> v) { return new TestRequest(userName, userUid, v, userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest extra(String key, String... values) {
        Map<String, List<String>> m = new LinkedHashMap<>(userExtra);
        m.put(key, List.of(values));
        return new TestRequest(userName, userUid, userGroups, m, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest);
    }
    public TestRequest extraList(String key, List<String> values) {
        Map<String, List<String>> m = new LinkedHashMap<>(userExtra);
        m.put(key, values);
        return new TestRequest(userName, userUid, userGroups, m, verb, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest);
    }
    public TestRequest verb(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, v, namespace, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest namespace(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, v, apiGroup, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest apiGroup(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, namespace, v, apiVersion, resource, subresource, name, path, resourceRequest); }
    public TestRequest resource(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, v, subresource, name, path, resourceRequest); }
    public TestRequest subresource(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, resource, v, name, path, resourceRequest); }
    public TestRequest name(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, v, path, resourceRequest); }
    public TestRequest path(String v) { return new TestRequest(userName, userUid, userGroups, userExtra, verb, namespace, apiGroup, apiVersion, resource, subresource, name, v, false); }
}
