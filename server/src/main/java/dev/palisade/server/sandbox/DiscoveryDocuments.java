package dev.palisade.server.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only documents kubectl asks before anything else: {@code /version}, legacy discovery
 * ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/G/V}) and the OpenAPI v3 index and
 * per group-version documents. The OpenAPI documents carry only what kubectl checks: a PATCH
 * operation per kind with its {@code x-kubernetes-group-version-kind} and the {@code fieldValidation}
 * and {@code dryRun} query parameters (no schemas: validation is the server's).
 */
final class DiscoveryDocuments {
    /** The Kubernetes minor the sandbox claims; the gcloud kubectl dispatcher picks its client by it. */
    static final String MAJOR = "1";
    static final String MINOR = "32";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceTable table;

    DiscoveryDocuments(ResourceTable table) {
        this.table = table;
    }

    ObjectNode version() {
        ObjectNode v = JSON.createObjectNode();
        v.put("major", MAJOR);
        v.put("minor", MINOR);
        v.put("gitVersion", "v" + MAJOR + "." + MINOR + ".0+palisade");
        v.put("gitCommit", "");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "1970-01-01T00:00:00Z");
        v.put("goVersion", "");
        v.put("compiler", "palisade");
        v.put("platform", "linux/amd64");
        return v;
    }

    ObjectNode coreVersions() {
        ObjectNode v = JSON.createObjectNode();
        v.put("kind", "APIVersions");
        v.putArray("versions").add("v1");
        ObjectNode cidr = v.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", "");
        return v;
    }

    ObjectNode groups() {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (Map.Entry<String, List<String>> g : table.groups().entrySet()) {
            ObjectNode group = groups.addObject();
            group.put("name", g.getKey());
            ArrayNode versions = group.putArray("versions");
            for (String v : g.getValue()) {
                ObjectNode gv = versions.addObject();
                gv.put("groupVersion", g.getKey() + "/" + v);
                gv.put("version", v);
            }
            ObjectNode preferred = group.putObject("preferredVersion");
            preferred.put("groupVersion", g.getKey() + "/" + g.getValue().get(0));
            preferred.put("version", g.getValue().get(0));
        }
        return list;
    }

    /** The APIResourceList of {@code groupVersion}, or empty when no resource lives there. */
    Optional<ObjectNode> resources(String groupVersion) {
        List<ApiResource> resources = table.inGroupVersion(groupVersion);
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", groupVersion);
        ArrayNode out = list.putArray("resources");
        for (ApiResource r : resources) {
            ObjectNode n = out.addObject();
            n.put("name", r.plural());
            n.put("singularName", r.singular());
            n.put("namespaced", r.namespaced());
            n.put("kind", r.kind());
            ArrayNode verbs = n.putArray("verbs");
            r.verbs().forEach(verbs::add);
        }
        return Optional.of(list);
    }

    /** {@code /openapi/v3}: one entry per group-version, its URL carrying a hash of its content. */
    ObjectNode openApiIndex() {
        ObjectNode index = JSON.createObjectNode();
        ObjectNode paths = index.putObject("paths");
        for (ApiResource r : table.all()) {
            String key = r.group().isEmpty() ? "api/v1" : "apis/" + r.groupVersion();
            if (!paths.has(key)) {
                ObjectNode entry = paths.putObject(key);
                entry.put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash(openApi(r.groupVersion()).orElseThrow()));
            }
        }
        return index;
    }

    /** The OpenAPI v3 document of {@code groupVersion}: the item path of each kind with its PATCH operation. */
    Optional<ObjectNode> openApi(String groupVersion) {
        List<ApiResource> resources = table.inGroupVersion(groupVersion);
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes (Palisade sandbox)");
        info.put("version", "v" + MAJOR + "." + MINOR + ".0");
        ObjectNode paths = doc.putObject("paths");
        for (ApiResource r : resources) {
            if (!r.verbs().contains("patch")) {
                continue;
            }
            String prefix = r.group().isEmpty() ? "/api/v1/" : "/apis/" + r.groupVersion() + "/";
            String path = prefix + (r.namespaced() ? "namespaces/{namespace}/" : "") + r.plural() + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.put("operationId", "patch" + r.kind());
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", r.group());
            gvk.put("version", r.version());
            gvk.put("kind", r.kind());
            patch.put("x-kubernetes-action", "patch");
            ArrayNode params = patch.putArray("parameters");
            for (String name : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
                ObjectNode p = params.addObject();
                p.put("name", name);
                p.put("in", "query");
                p.putObject("schema").put("type", name.equals("force") ? "boolean" : "string");
            }
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        doc.putObject("components").putObject("schemas");
        return Optional.of(doc);
    }

    private static String hash(ObjectNode doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(doc.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
