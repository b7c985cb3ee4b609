package dev.palisade.engine.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes realistic synthetic audit logs (audit.k8s.io/v1 Event JSON lines), the same for the same
 * seed. The mix follows what real cluster logs (and the real events in the conformance set) show:
 * most traffic is machine traffic — kubelets renewing leases and watching their pods,
 * controllers reconciling, the scheduler binding — with a minority of people using kubectl
 * (discovery requests, list/get, logs, exec, sometimes impersonating), workloads reading their
 * own config, and probes on the health endpoints. About 5% of requests are forbidden (interns
 * on secrets, workloads outside their namespace, anonymous scrapes of /metrics), a few are
 * unauthenticated (401). Most requests are logged once (ResponseComplete, with RequestReceived
 * omitted by policy); some with RequestReceived too, watches with ResponseStarted; pod and
 * configmap writes at RequestResponse level carry their objects.
 */
public final class AuditLogGenerator {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] NAMESPACES = {"default", "payments", "frontend", "monitoring", "data", "ci"};
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank"};
    private static final String[] CONTROLLERS = {"deployment-controller", "replicaset-controller",
        "endpointslice-controller", "job-controller", "namespace-controller", "statefulset-controller"};
    private static final int NODES = 12;

    private final SplittableRandom random;
    private long clock = Instant.parse("2024-05-01T08:00:00Z").toEpochMilli() * 1000;
    private final Deque<Request> later = new ArrayDeque<>();

    public AuditLogGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code events} lines of JSON; a convenience for tests. */
    public static byte[] generate(long seed, int events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events * 900);
        try {
            new AuditLogGenerator(seed).write(out, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes exactly {@code events} event lines (stage events of one request count separately). */
    public void write(OutputStream out, long events) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            long written = 0;
            while (written < events) {
                Request pendingStage = later.isEmpty() || random.nextInt(3) != 0 ? null : later.poll();
                if (pendingStage != null) {
                    event(g, pendingStage, "ResponseComplete");
                } else {
                    Request r = next();
                    if (r.twoStages && written + 1 < events) {
                        event(g, r, r.watch ? "ResponseStarted" : "RequestReceived");
                        later.add(r);
                    } else {
                        event(g, r, "ResponseComplete");
                    }
                }
                written++;
            }
            g.flush();
        }
    }

    /** One request, before it is written as one or two stage events. */
    private record Request(String auditID, long receivedMicros, String user, List<String> groups,
                           String impersonator, String verb, String group, String version, String resource,
                           String subresource, String namespace, String name, String path, int code,
                           String decision, String reason, boolean withObject, boolean twoStages, boolean watch,
                           String userAgent, String sourceIP) {
    }

    private Request next() {
        clock += 200 + random.nextInt(9_000);
        int dice = random.nextInt(1000);
        if (dice < 340) {
            return kubelet();
        }
        if (dice < 590) {
            return controller();
        }
        if (dice < 680) {
            return controlPlane();
        }
        if (dice < 790) {
            return workload();
        }
        if (dice < 950) {
            return person();
        }
        return probe();
    }

    private Request kubelet() {
        String node = "node-" + random.nextInt(NODES);
        List<String> groups = List.of("system:nodes", "system:authenticated");
        String user = "system:node:" + node;
        String ns = pick(NAMESPACES);
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> resource(user, groups, "update", "coordination.k8s.io", "v1", "leases", "",
                    "kube-node-lease", node, 200, rbacAllow("system:node", "Group", "system:nodes"), "kubelet/v1.29.4");
            case 4, 5 -> resource(user, groups, "get", "", "v1", "secrets", "", ns, "app-" + random.nextInt(20)
                    + "-tls", 200, nodeAllow(), "kubelet/v1.29.4");
            case 6 -> resource(user, groups, "patch", "", "v1", "nodes", "status", "", node, 200, nodeAllow(),
                    "kubelet/v1.29.4");
            case 7 -> resource(user, groups, "get", "", "v1", "configmaps", "", ns, "kube-root-ca.crt", 200,
                    nodeAllow(), "kubelet/v1.29.4");
            case 8 -> watch(user, groups, "", "v1", "pods", "", "spec.nodeName=" + node, nodeAllow(),
                    "kubelet/v1.29.4");
            default -> resource(user, groups, "create", "", "v1", "events", "", ns, "", 201, nodeAllow(),
                    "kubelet/v1.29.4");
        };
    }

    private Request controller() {
        String sa = pick(CONTROLLERS);
        String user = "system:serviceaccount:kube-system:" + sa;
        List<String> groups = List.of("system:serviceaccounts", "system:serviceaccounts:kube-system",
                "system:authenticated");
        String ns = pick(NAMESPACES);
        String[] allow = rbacAllow("system:controller:" + sa, "ServiceAccount", "kube-system/" + sa);
        String ua = "kube-controller-manager/v1.29.4 (linux/amd64) kubernetes/55019c8/system:serviceaccount:kube-system:" + sa;
        return switch (random.nextInt(8)) {
            case 0, 1 -> resource(user, groups, "update", "apps", "v1", "replicasets", "status", ns,
                    "web-" + hex(10), random.nextInt(20) == 0 ? 409 : 200, allow, ua);
            case 2 -> resource(user, groups, "create", "", "v1", "pods", "", ns, "", 201, allow, ua);
            case 3 -> resource(user, groups, "update", "discovery.k8s.io", "v1", "endpointslices", "", ns,
                    "web-" + hex(5), 200, allow, ua);
            case 4 -> resource(user, groups, "patch", "apps", "v1", "deployments", "status", ns, "web", 200, allow, ua);
            case 5 -> resource(user, groups, "delete", "", "v1", "pods", "", ns, "web-" + hex(10) + "-" + hex(5),
                    random.nextInt(10) == 0 ? 404 : 200, allow, ua);
            case 6 -> watch(user, groups, "batch", "v1", "jobs", "", "", allow, ua);
            default -> resource(user, groups, "create", "", "v1", "events", "", ns, "", 201, allow, ua);
        };
    }

    private Request controlPlane() {
        boolean scheduler = random.nextBoolean();
        String user = scheduler ? "system:kube-scheduler" : "system:kube-controller-manager";
        List<String> groups = List.of("system:authenticated");
        String[] allow = rbacAllow(user, "User", user);
        String ua = (scheduler ? "kube-scheduler" : "kube-controller-manager") + "/v1.29.4 (linux/amd64) kubernetes/55019c8";
        return switch (random.nextInt(4)) {
            case 0, 1 -> resource(user, groups, random.nextBoolean() ? "get" : "update", "coordination.k8s.io", "v1",
                    "leases", "", "kube-system", scheduler ? "kube-scheduler" : "kube-controller-manager", 200, allow, ua);
            case 2 -> scheduler
                    ? resource(user, groups, "create", "", "v1", "pods", "binding", pick(NAMESPACES),
                            "web-" + hex(10) + "-" + hex(5), 201, allow, ua)
                    : resource(user, groups, "list", "", "v1", "nodes", "", "", "", 200, allow, ua);
            default -> watch(user, groups, "", "v1", scheduler ? "pods" : "namespaces", "", "", allow, ua);
        };
    }

    private Request workload() {
        String ns = pick(NAMESPACES);
        String sa = random.nextInt(3) == 0 ? "default" : ns + "-app";
        String user = "system:serviceaccount:" + ns + ":" + sa;
        List<String> groups = List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
        String ua = "Go-http-client/2.0";
        if (random.nextInt(8) == 0) { // reaching into another namespace: forbidden
            String other = pick(NAMESPACES);
            return resource(user, groups, "get", "", "v1", "secrets", "", other.equals(ns) ? "kube-system" : other,
                    "db-credentials", 403, forbid(), ua);
        }
        String[] allow = rbacAllow(ns + "-reader", "ServiceAccount", ns + "/" + sa);
        return random.nextBoolean()
                ? resource(user, groups, "get", "", "v1", "configmaps", "", ns, "app-config", 200, allow, ua)
                : resource(user, groups, "list", "", "v1", "endpoints", "", ns, "", 200, allow, ua);
    }

    private Request person() {
        String who = pick(PEOPLE);
        boolean intern = who.equals("frank") || who.equals("erin");
        List<String> groups = intern ? List.of("interns", "developers", "system:authenticated")
                : who.equals("alice") ? List.of("ops", "system:authenticated")
                : List.of("developers", "system:authenticated");
        String ua = "kubectl/v1.29.4 (linux/amd64) kubernetes/55019c8";
        String ns = pick(NAMESPACES);
        String[] allow = rbacAllow(intern ? "view" : "edit", "Group", intern ? "developers" : groups.get(0));
        int dice = random.nextInt(20);
        if (dice < 5) { // kubectl discovery
            String path = pick(new String[] {"/api", "/apis", "/api/v1", "/apis/apps/v1", "/version", "/openapi/v2"});
            return nonResource(who, groups, path, 200, rbacAllow("system:discovery", "Group", "system:authenticated"), ua);
        }
        if (dice < 7) {
            return resource(who, groups, "get", "", "v1", "secrets", "", ns, "db-credentials",
                    intern ? 403 : 200, intern ? forbid() : allow, ua);
        }
        if (dice < 8) {
            return resource(who, groups, "create", "", "v1", "pods", "exec", ns, "web-" + hex(10) + "-" + hex(5),
                    intern ? 403 : 101, intern ? forbid() : allow, ua);
        }
        if (dice < 9 && who.equals("alice")) { // ops impersonating a developer to check their access
            Request r = resource("bob", List.of("developers", "system:authenticated"), "list", "apps", "v1",
                    "deployments", "", ns, "", 200, allow, ua);
            return withImpersonator(r, "alice");
        }
        if (dice < 11) {
            return resource(who, groups, "get", "", "v1", "pods", "log", ns, "web-" + hex(10) + "-" + hex(5),
                    200, allow, ua);
        }
        if (dice < 13 && !intern) {
            return resource(who, groups, "patch", "apps", "v1", "deployments", "", ns, "web", 200, allow, ua);
        }
        if (dice < 14 && !intern) {
            Request r = resource(who, groups, "create", "", "v1", "configmaps", "", ns, "", 201, allow, ua);
            return withObject(r);
        }
        return resource(who, groups, random.nextBoolean() ? "list" : "get", "", "v1", "pods", "", ns,
                random.nextBoolean() ? "" : "web-" + hex(10) + "-" + hex(5), random.nextInt(15) == 0 ? 404 : 200,
                allow, ua);
    }

    private Request probe() {
        int dice = random.nextInt(10);
        if (dice == 0) { // a bad token: 401, never authorized
            return nonResource("", List.of(), "/api/v1/namespaces/default/pods", 401, null, "curl/8.5.0");
        }
        List<String> groups = List.of("system:unauthenticated");
        if (dice == 1) {
            return nonResource("system:anonymous", groups, "/metrics", 403, forbid(), "Prometheus/2.51.0");
        }
        String path = pick(new String[] {"/healthz", "/readyz", "/livez"});
        return nonResource("system:anonymous", groups, path, 200,
                rbacAllow("system:public-info-viewer", "Group", "system:unauthenticated"), "kube-probe/1.29");
    }

    private Request resource(String user, List<String> groups, String verb, String group, String version,
                             String resource, String subresource, String namespace, String name, int code,
                             String[] decision, String userAgent) {
        boolean object = (verb.equals("create") || verb.equals("update")) && resource.equals("pods")
                && subresource.isEmpty() && random.nextInt(3) == 0;
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        StringBuilder path = new StringBuilder(prefix);
        if (!namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        path.append('/').append(resource);
        if (!name.isEmpty() && !verb.equals("create") || !subresource.isEmpty()) {
            path.append('/').append(name);
        }
        if (!subresource.isEmpty()) {
            path.append('/').append(subresource);
        }
        if (verb.equals("list")) {
            path.append("?limit=500");
        }
        return new Request(uuid(), clock, user, groups, null, verb, group, version, resource, subresource, namespace,
                name, path.toString(), code, decision == null ? null : decision[0], decision == null ? null : decision[1],
                object, random.nextInt(10) == 0, false, userAgent, ip());
    }

    private Request watch(String user, List<String> groups, String group, String version, String resource,
                          String namespace, String fieldSelector, String[] decision, String userAgent) {
        Request r = resource(user, groups, "watch", group, version, resource, "", namespace, "", 200, decision,
                userAgent);
        String path = r.path().replace("?limit=500", "") + "?allowWatchBookmarks=true&resourceVersion=" + (100_000
                + random.nextInt(900_000)) + "&timeout=7m" + (fieldSelector.isEmpty() ? "" : "&fieldSelector="
                + fieldSelector.replace("=", "%3D")) + "&watch=true";
        return new Request(r.auditID(), r.receivedMicros(), user, groups, null, "watch", group, version, resource, "",
                namespace, "", path, 200, r.decision(), r.reason(), false, true, true, userAgent, r.sourceIP());
    }

    private Request nonResource(String user, List<String> groups, String path, int code, String[] decision,
                                String userAgent) {
        return new Request(uuid(), clock, user, groups, null, "get", "", "", "", "", "", "", path, code,
                decision == null ? null : decision[0], decision == null ? null : decision[1], false, false, false,
                userAgent, ip());
    }

    private static Request withImpersonator(Request r, String impersonator) {
        return new Request(r.auditID(), r.receivedMicros(), r.user(), r.groups(), impersonator, r.verb(), r.group(),
                r.version(), r.resource(), r.subresource(), r.namespace(), r.name(), r.path(), r.code(), r.decision(),
                r.reason(), r.withObject(), r.twoStages(), r.watch(), r.userAgent(), r.sourceIP());
    }

    private static Request withObject(Request r) {
        return new Request(r.auditID(), r.receivedMicros(), r.user(), r.groups(), r.impersonator(), r.verb(),
                r.group(), r.version(), r.resource(), r.subresource(), r.namespace(), r.name(), r.path(), r.code(),
                r.decision(), r.reason(), true, r.twoStages(), r.watch(), r.userAgent(), r.sourceIP());
    }

    private void event(JsonGenerator g, Request r, String stage) throws IOException {
        boolean complete = !stage.equals("RequestReceived");
        g.writeStartObject();
        g.writeStringField("kind", "Event");
        g.writeStringField("apiVersion", "audit.k8s.io/v1");
        g.writeStringField("level", r.withObject() ? "RequestResponse" : "Metadata");
        g.writeStringField("auditID", r.auditID());
        g.writeStringField("stage", stage);
        g.writeStringField("requestURI", r.path());
        g.writeStringField("verb", r.verb());
        if (r.impersonator() != null) {
            userInfo(g, "user", r.impersonator(), List.of("ops", "system:authenticated"));
            userInfo(g, "impersonatedUser", r.user(), r.groups());
        } else {
            userInfo(g, "user", r.user(), r.groups());
        }
        g.writeArrayFieldStart("sourceIPs");
        g.writeString(r.sourceIP());
        g.writeEndArray();
        g.writeStringField("userAgent", r.userAgent());
        if (!r.resource().isEmpty()) {
            g.writeObjectFieldStart("objectRef");
            g.writeStringField("resource", r.resource());
            if (!r.namespace().isEmpty()) {
                g.writeStringField("namespace", r.namespace());
            }
            String name = r.name().isEmpty() && r.verb().equals("create") && r.withObject()
                    ? "web-" + r.auditID().substring(0, 5) : r.name();
            if (!name.isEmpty()) {
                g.writeStringField("name", name);
            }
            if (!r.group().isEmpty()) {
                g.writeStringField("apiGroup", r.group());
            }
            g.writeStringField("apiVersion", r.version());
            if (!r.subresource().isEmpty()) {
                g.writeStringField("subresource", r.subresource());
            }
            g.writeEndObject();
        }
        if (complete) {
            g.writeObjectFieldStart("responseStatus");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            if (r.code() >= 400) {
                g.writeStringField("status", "Failure");
                g.writeStringField("message", r.code() == 403 ? "forbidden: User \"" + r.user() + "\" cannot "
                        + r.verb() + " resource" : r.code() == 401 ? "Unauthorized" : "not found");
                g.writeStringField("reason", r.code() == 403 ? "Forbidden" : r.code() == 401 ? "Unauthorized" : "NotFound");
            }
            g.writeNumberField("code", r.code());
            g.writeEndObject();
        }
        if (r.withObject()) {
            podObject(g, r);
        }
        String received = time(r.receivedMicros());
        g.writeStringField("requestReceivedTimestamp", received);
        g.writeStringField("stageTimestamp", complete ? time(r.receivedMicros() + 900 + random.nextInt(40_000)) : received);
        if (complete && r.decision() != null && random.nextInt(10) < 8) { // most clusters log the authorizer's decision
            g.writeObjectFieldStart("annotations");
            g.writeStringField(AuditEvent.DECISION_ANNOTATION, r.decision());
            g.writeStringField(AuditEvent.REASON_ANNOTATION, r.reason());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void userInfo(JsonGenerator g, String field, String name, List<String> groups) throws IOException {
        g.writeObjectFieldStart(field);
        if (!name.isEmpty()) {
            g.writeStringField("username", name);
        }
        if (!groups.isEmpty()) {
            g.writeArrayFieldStart("groups");
            for (String group : groups) {
                g.writeString(group);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void podObject(JsonGenerator g, Request r) throws IOException {
        g.writeObjectFieldStart("requestObject");
        g.writeStringField("kind", r.resource().equals("pods") ? "Pod" : "ConfigMap");
        g.writeStringField("apiVersion", "v1");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("generateName", "web-" + hex(10) + "-");
        g.writeStringField("namespace", r.namespace());
        g.writeObjectFieldStart("labels");
        g.writeStringField("app", "web");
        g.writeStringField("pod-template-hash", hex(10));
        g.writeEndObject();
        g.writeEndObject();
        if (r.resource().equals("pods")) {
            g.writeObjectFieldStart("spec");
            g.writeArrayFieldStart("containers");
            g.writeStartObject();
            g.writeStringField("name", "web");
            g.writeStringField("image", "registry.example.com/web:1." + random.nextInt(40));
            g.writeArrayFieldStart("ports");
            g.writeStartObject();
            g.writeNumberField("containerPort", 8080);
            g.writeStringField("protocol", "TCP");
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("securityContext");
            g.writeBooleanField("runAsNonRoot", true);
            g.writeBooleanField("allowPrivilegeEscalation", false);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("serviceAccountName", r.namespace() + "-app");
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("data");
            g.writeStringField("LOG_LEVEL", "info");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String[] rbacAllow(String role, String subjectKind, String subject) {
        return new String[] {"allow", "RBAC: allowed by ClusterRoleBinding \"" + role + "\" of ClusterRole \"" + role
                + "\" to " + subjectKind + " \"" + subject + "\""};
    }

    private static String[] nodeAllow() {
        return new String[] {"allow", ""};
    }

    private static String[] forbid() {
        return new String[] {"forbid", ""};
    }

    private String uuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    private String ip() {
        return "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250));
    }

    private String hex(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append("bcdfghjklmnpqrstvwxz2456789".charAt(random.nextInt(27)));
        }
        return b.toString();
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String time(long micros) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
    }
}
