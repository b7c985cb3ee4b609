package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The floor for {@link AdmissionBenchmark}: the Pod Security Standards' {@code restricted} level
 * (latest version) written by hand as one walk over a Jackson tree of a Pod, answering which
 * checks a pod violates. No messages, no rule engine, nothing a general engine could skip.
 * Written from the published standard, independently of the DSL policies; it covers the fields a
 * typical pod uses and agrees with the engine on every sample pod of the benchmark (checked in
 * setup and in {@code AdmissionAgreementTest}), which is all a floor has to do.
 */
final class PodSecurityFloor {
    private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};

    private PodSecurityFloor() {}

    /** The ids of the checks {@code pod} violates, sorted; empty means allowed. */
    static Set<String> violations(JsonNode pod) {
        Set<String> out = null;
        JsonNode spec = pod.path("spec");
        JsonNode podSc = spec.path("securityContext");
        boolean windows = "windows".equals(spec.path("os").path("name").asText());
        boolean userNamespace = spec.path("hostUsers").isBoolean() && !spec.path("hostUsers").asBoolean();

        if (spec.path("hostNetwork").asBoolean() || spec.path("hostPID").asBoolean() || spec.path("hostIPC").asBoolean()) {
            out = add(out, "hostNamespaces");
        }
        if (!appArmorOk(podSc) || !appArmorAnnotationsOk(pod.path("metadata").path("annotations"))) {
            out = add(out, "appArmorProfile");
        }
        if (!seLinuxOk(podSc)) {
            out = add(out, "seLinuxOptions");
        }
        for (JsonNode s : podSc.path("sysctls")) {
            if (!SAFE_SYSCTLS.contains(s.path("name").asText())) {
                out = add(out, "sysctls");
            }
        }
        if (podSc.path("windowsOptions").path("hostProcess").asBoolean()) {
            out = add(out, "windowsHostProcess");
        }
        for (JsonNode v : spec.path("volumes")) {
            boolean allowed = false;
            for (var it = v.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("name")) {
                    allowed = VOLUME_TYPES.contains(f);
                }
            }
            if (!allowed) {
                out = add(out, "restrictedVolumes");
            }
        }
        boolean podNonRoot = podSc.path("runAsNonRoot").asBoolean(false);
        if (!userNamespace && podSc.path("runAsNonRoot").isBoolean() && !podNonRoot) {
            out = add(out, "runAsNonRoot");
        }
        if (!userNamespace && podSc.path("runAsUser").isNumber() && podSc.path("runAsUser").asLong() == 0) {
            out = add(out, "runAsUser");
        }
        String podSeccomp = podSc.path("seccompProfile").path("type").asText("");
        if (!windows && !podSeccomp.isEmpty() && !seccompOk(podSeccomp)) {
            out = add(out, "seccompProfile_restricted");
        }

        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : spec.path(list)) {
                JsonNode sc = c.path("securityContext");
                if (sc.path("privileged").asBoolean()) {
                    out = add(out, "privileged");
                }
                for (JsonNode p : c.path("ports")) {
                    if (p.path("hostPort").asInt(0) != 0) {
                        out = add(out, "hostPorts");
                    }
                }
                if (!appArmorOk(sc)) {
                    out = add(out, "appArmorProfile");
                }
                if (!seLinuxOk(sc)) {
                    out = add(out, "seLinuxOptions");
                }
                if (sc.path("windowsOptions").path("hostProcess").asBoolean()) {
                    out = add(out, "windowsHostProcess");
                }
                if (hostInHandlers(c)) {
                    out = add(out, "hostProbesAndHostLifecycle");
                }
                if (!windows && !(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())) {
                    out = add(out, "allowPrivilegeEscalation");
                }
                if (!windows && !capabilitiesOk(sc.path("capabilities"))) {
                    out = add(out, "capabilities_restricted");
                }
                String procMount = sc.path("procMount").asText("");
                if (!procMount.isEmpty() && !procMount.equals("Default")) {
                    out = add(out, "procMount_restricted");
                }
                if (!userNamespace) {
                    JsonNode nonRoot = sc.path("runAsNonRoot");
                    if (nonRoot.isBoolean() ? !nonRoot.asBoolean() : !podNonRoot) {
                        out = add(out, "runAsNonRoot");
                    }
                    if (sc.path("runAsUser").isNumber() && sc.path("runAsUser").asLong() == 0) {
                        out = add(out, "runAsUser");
                    }
                }
                String seccomp = sc.path("seccompProfile").path("type").asText("");
                if (!windows && (seccomp.isEmpty() ? podSeccomp.isEmpty() : !seccompOk(seccomp))) {
                    out = add(out, "seccompProfile_restricted");
                }
            }
        }
        return out == null ? Set.of() : out;
    }

    private static Set<String> add(Set<String> out, String id) {
        Set<String> s = out == null ? new TreeSet<>() : out;
        s.add(id);
        return s;
    }

    private static boolean seccompOk(String type) {
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    private static boolean appArmorOk(JsonNode sc) {
        String t = sc.path("appArmorProfile").path("type").asText("");
        return t.isEmpty() || t.equals("RuntimeDefault") || t.equals("Localhost");
    }

    private static boolean appArmorAnnotationsOk(JsonNode annotations) {
        for (var it = annotations.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith("container.apparmor.security.beta.kubernetes.io/")) {
                String v = e.getValue().asText("");
                if (!v.isEmpty() && !v.equals("runtime/default") && !v.startsWith("localhost/")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean seLinuxOk(JsonNode sc) {
        JsonNode o = sc.path("seLinuxOptions");
        return SELINUX_TYPES.contains(o.path("type").asText("")) && o.path("user").asText("").isEmpty()
                && o.path("role").asText("").isEmpty();
    }

    private static boolean capabilitiesOk(JsonNode caps) {
        boolean dropsAll = false;
        for (JsonNode d : caps.path("drop")) {
            dropsAll |= d.asText().equals("ALL");
        }
        for (JsonNode a : caps.path("add")) {
            if (!a.asText().equals("NET_BIND_SERVICE")) {
                return false;
            }
        }
        return dropsAll;
    }

    private static boolean hostInHandlers(JsonNode c) {
        for (String p : PROBES) {
            if (hostSet(c.path(p))) {
                return true;
            }
        }
        JsonNode lc = c.path("lifecycle");
        return hostSet(lc.path("postStart")) || hostSet(lc.path("preStop"));
    }

    private static boolean hostSet(JsonNode handler) {
        return !handler.path("httpGet").path("host").asText("").isEmpty()
                || !handler.path("tcpSocket").path("host").asText("").isEmpty();
    }
}
