package dev.palisade.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pods of {@link AdmissionBenchmark}: a typical Deployment's pod that meets the restricted
 * level (an init container, an app, a proxy sidecar and a log shipper; configMap, secret,
 * emptyDir, projected and PVC volumes; pod and container security contexts, probes, ports,
 * resources, env), and variants of it that each break one or more checks.
 */
final class SamplePods {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String TYPICAL = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "web-7d4b9c-x2k8p", "namespace": "shop", "labels": {"app": "web", "pod-template-hash": "7d4b9c"},
               "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9090"}},
             "spec": {
               "serviceAccountName": "web",
               "securityContext": {"runAsNonRoot": true, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
                 "seccompProfile": {"type": "RuntimeDefault"}, "sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65000"}]},
               "initContainers": [{"name": "migrate", "image": "registry.example/web-migrate:1.42.0",
                 "command": ["/bin/migrate", "--up"], "envFrom": [{"secretRef": {"name": "db"}}],
                 "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                   "capabilities": {"drop": ["ALL"]}},
                 "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}}}],
               "containers": [
                 {"name": "web", "image": "registry.example/web:1.42.0", "args": ["--port=8080"],
                  "ports": [{"name": "http", "containerPort": 8080}, {"name": "metrics", "containerPort": 9090}],
                  "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
                  "volumeMounts": [{"name": "config", "mountPath": "/etc/web"}, {"name": "tmp", "mountPath": "/tmp"},
                    {"name": "data", "mountPath": "/var/lib/web"}, {"name": "token", "mountPath": "/var/run/secrets/tokens"}],
                  "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10},
                  "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 5},
                  "startupProbe": {"tcpSocket": {"port": 8080}, "failureThreshold": 30},
                  "lifecycle": {"preStop": {"exec": {"command": ["/bin/sleep", "5"]}}},
                  "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                    "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}},
                  "resources": {"requests": {"cpu": "500m", "memory": "512Mi"}, "limits": {"cpu": "2", "memory": "1Gi"}}},
                 {"name": "proxy", "image": "registry.example/proxy:2.3.1",
                  "ports": [{"name": "proxy", "containerPort": 15001}],
                  "readinessProbe": {"httpGet": {"path": "/healthz/ready", "port": 15021}},
                  "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsUser": 1337,
                    "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
                  "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}},
                 {"name": "logs", "image": "registry.example/shipper:0.9.4",
                  "volumeMounts": [{"name": "tmp", "mountPath": "/var/log/web", "readOnly": true}, {"name": "shipper", "mountPath": "/etc/shipper"}],
                  "securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true,
                    "capabilities": {"drop": ["ALL"]}},
                  "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}}}],
               "volumes": [
                 {"name": "config", "configMap": {"name": "web-config"}},
                 {"name": "shipper", "secret": {"secretName": "shipper-credentials"}},
                 {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
                 {"name": "data", "persistentVolumeClaim": {"claimName": "web-data"}},
                 {"name": "token", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}}]}}
            """;

    private SamplePods() {}

    static JsonNode typical() {
        try {
            return JSON.readTree(TYPICAL);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typical pod and named variants of it; each variant breaks what its name says. */
    static Map<String, JsonNode> all() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("typical", typical());
        variant(out, "hostPath", s -> ((ArrayNode) s.get("volumes")).addObject().put("name", "docker")
                .putObject("hostPath").put("path", "/var/run/docker.sock"));
        variant(out, "privileged", s -> container(s, 1).with("securityContext").put("privileged", true));
        variant(out, "noDropAll", s -> container(s, 2).with("securityContext").with("capabilities").putArray("drop"));
        variant(out, "addSysAdmin", s -> container(s, 0).with("securityContext").with("capabilities").putArray("add").add("SYS_ADMIN"));
        variant(out, "escalation", s -> container(s, 0).with("securityContext").remove("allowPrivilegeEscalation"));
        variant(out, "rootUser", s -> container(s, 1).with("securityContext").put("runAsUser", 0));
        variant(out, "nonRootFalse", s -> container(s, 2).with("securityContext").put("runAsNonRoot", false));
        variant(out, "podMayBeRoot", s -> s.with("securityContext").remove("runAsNonRoot"));
        variant(out, "unconfined", s -> container(s, 1).with("securityContext").with("seccompProfile").put("type", "Unconfined"));
        variant(out, "noSeccomp", s -> s.with("securityContext").remove("seccompProfile"));
        variant(out, "hostNetwork", s -> s.put("hostNetwork", true));
        variant(out, "hostPort", s -> ((ObjectNode) container(s, 0).get("ports").get(0)).put("hostPort", 80));
        variant(out, "unsafeSysctl", s -> ((ArrayNode) s.with("securityContext").get("sysctls")).addObject()
                .put("name", "kernel.msgmax").put("value", "65536"));
        variant(out, "procMount", s -> container(s, 0).with("securityContext").put("procMount", "Unmasked"));
        variant(out, "seLinux", s -> s.with("securityContext").with("seLinuxOptions").put("type", "spc_t"));
        variant(out, "appArmor", s -> container(s, 0).with("securityContext").with("appArmorProfile").put("type", "Unconfined"));
        variant(out, "probeHost", s -> container(s, 0).with("livenessProbe").with("httpGet").put("host", "10.0.0.1"));
        variant(out, "many", s -> {
            s.put("hostPID", true);
            container(s, 0).with("securityContext").put("privileged", true).remove("allowPrivilegeEscalation");
            container(s, 1).with("securityContext").put("runAsUser", 0);
            ((ArrayNode) s.get("volumes")).addObject().put("name", "root").putObject("hostPath").put("path", "/");
        });
        return out;
    }

    private static void variant(Map<String, JsonNode> out, String name, Consumer<ObjectNode> change) {
        ObjectNode pod = (ObjectNode) typical();
        change.accept((ObjectNode) pod.get("spec"));
        out.put(name, pod);
    }

    private static ObjectNode container(ObjectNode spec, int i) {
        return (ObjectNode) spec.get("containers").get(i);
    }
}
