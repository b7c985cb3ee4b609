package dev.palisade.server.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of an apiserver for {@code kubectl apply --dry-run=client} to run offline.
 *
 * <p>Even a client-side dry run needs the server: kubectl maps each document's kind to its resource
 * through discovery ({@code /api}, {@code /apis}, {@code /api/v1}, ...; without it: "unable to
 * recognize"), and {@code apply} asks for the live object to compute its patch. {@code --validate=false}
 * spares the OpenAPI download. This server answers {@code /version} (the gcloud kubectl dispatcher
 * picks its client by the server's minor), legacy discovery for the kinds listed here, and 404 for
 * every object, so every manifest is "created". Schema validation of the fields is done separately,
 * against the Kubernetes OpenAPI document (see DeployManifestsTest).
 */
final class OfflineDiscovery implements AutoCloseable {
    /** group/version -> resources: plural, kind, namespaced. */
    private static final Map<String, List<String[]>> RESOURCES = new LinkedHashMap<>();

    static {
        RESOURCES.put("v1", List.of(
                new String[] {"namespaces", "Namespace", "false"},
                new String[] {"serviceaccounts", "ServiceAccount", "true"},
                new String[] {"configmaps", "ConfigMap", "true"},
                new String[] {"secrets", "Secret", "true"},
                new String[] {"services", "Service", "true"}));
        RESOURCES.put("apps/v1", List.<String[]>of(new String[] {"deployments", "Deployment", "true"}));
        RESOURCES.put("policy/v1", List.<String[]>of(new String[] {"poddisruptionbudgets", "PodDisruptionBudget", "true"}));
        RESOURCES.put("admissionregistration.k8s.io/v1", List.of(
                new String[] {"validatingwebhookconfigurations", "ValidatingWebhookConfiguration", "false"},
                new String[] {"mutatingwebhookconfigurations", "MutatingWebhookConfiguration", "false"}));
        RESOURCES.put("cert-manager.io/v1", List.of(
                new String[] {"certificates", "Certificate", "true"},
                new String[] {"issuers", "Issuer", "true"}));
    }

    private final HttpServer server;

    OfflineDiscovery() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** A kubeconfig for this server, written to {@code file}. */
    Path kubeconfig(Path file) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: offline, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: nobody, user: {}}]
                contexts: [{name: offline, context: {cluster: offline, user: nobody}}]
                current-context: offline
                """.formatted(server.getAddress().getPort()));
        return file;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = switch (path) {
            case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\",\"platform\":\"linux/amd64\"}";
            case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
            case "/apis" -> groups();
            default -> resources(path);
        };
        int status = 200;
        if (body == null) {
            status = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
                    + "\"message\":\"not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String groups() {
        List<String> groups = new ArrayList<>();
        for (String gv : RESOURCES.keySet()) {
            if (gv.contains("/")) {
                String group = gv.substring(0, gv.indexOf('/'));
                String version = "{\"groupVersion\":\"" + gv + "\",\"version\":\"" + gv.substring(gv.indexOf('/') + 1) + "\"}";
                groups.add("{\"name\":\"" + group + "\",\"versions\":[" + version + "],\"preferredVersion\":" + version + "}");
            }
        }
        return "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + String.join(",", groups) + "]}";
    }

    /** {@code /api/v1} or {@code /apis/G/V}: the resource list; anything else (an object) is not found. */
    private static String resources(String path) {
        String gv = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring("/apis/".length()) : null;
        List<String[]> list = gv == null ? null : RESOURCES.get(gv);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String[] r : list) {
            out.add("{\"name\":\"" + r[0] + "\",\"singularName\":\"\",\"namespaced\":" + r[2] + ",\"kind\":\"" + r[1]
                    + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
        }
        return "{\"kind\":\"APIResourceList\",\"groupVersion\":\"" + gv + "\",\"resources\":[" + String.join(",", out) + "]}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
