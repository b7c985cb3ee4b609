package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import dev.palisade.engine.authz.StaticAuthorizer;
import java.util.Map;
import java.util.TreeMap;
import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.testing.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real audit events of the conformance set (audit2rbac, Falco), replayed under Kubernetes' bootstrap roles. */
class BatchConformanceTest {
    static PolicyEngine bootstrap;

    @BeforeAll
    static void engine() {
        bootstrap = PolicyEngine.builder().rbac(List.of(Conformance.resolve("rbac-bootstrap-policy"))).build();
    }

    @Test
    void audit2rbacDemoLogIsReadWhole() throws Exception {
        BatchTesting.Result r = BatchTesting.run(bootstrap, 2, Conformance.resolve("audit-logs/audit2rbac/demo.log"));
        assertEquals(37, r.report().events());
        assertEquals(37, r.report().requests());
        assertEquals(0, r.report().malformed());
        // 26 with code 200, 11 with 403, no annotations: the code decides
        assertEquals(26, r.report().recorded("allow"));
        assertEquals(11, r.report().recorded("deny"));
        assertTrue(r.requests().stream().allMatch(j -> j.impersonatedBy().equals("system:admin")));
    }

    @Test
    void demoLogDecisionsUnderTheBootstrapRoles() throws Exception {
        BatchTesting.Result r = BatchTesting.run(bootstrap, 2, Conformance.resolve("audit-logs/audit2rbac/demo.log"));
        // system:admin (system:masters) may impersonate; bob then has only what system:authenticated has
        JudgedRequest bobListsPods = r.byId("033d17af-082d-4b24-aa22-627752e83d71");
        assertEquals("bob", bobListsPods.user());
        assertEquals(RecordedDecision.DENY, bobListsPods.recorded());
        assertFalse(bobListsPods.judgement().allowed());
        // discovery is open to every authenticated user (system:discovery)
        List<JudgedRequest> discovery = r.requests().stream().filter(j -> !j.resourceRequest()).toList();
        assertEquals(23, discovery.size());
        assertTrue(discovery.stream().allMatch(j -> j.judgement().allowed()), discovery.toString());
        assertTrue(discovery.stream().allMatch(j -> j.judgement().rule().contains("system:discovery")
                || j.judgement().rule().contains("system:public-info-viewer")
                || j.judgement().rule().contains("basic-user")), discovery.get(0).judgement().toString());
        // the requests the demo allowed after granting roles (code 200 on pods) are not allowed by bootstrap alone
        assertEquals(r.report().recorded("deny") + 3, r.report().now("deny"));
        assertEquals(3, r.report().newlyDenied());
        assertEquals(0, r.report().newlyAllowed());
    }

    @Test
    void falcoEventsAreReadWholeAndStagesOfOneAuditIdCountOnce() throws Exception {
        BatchTesting.Result r = BatchTesting.run(bootstrap, 2,
                Conformance.resolve("audit-logs/falco/falco_k8s_audit_events.jsonl"));
        assertEquals(51, r.report().events());
        assertEquals(0, r.report().malformed());
        // lines 21 and 24 are one request logged twice; line 51 reuses line 1's auditID for another user
        assertEquals(1, r.report().stagesMerged());
        assertEquals(50, r.report().requests());
        assertEquals(1, r.report().auditIdsReused());
        assertTrue(r.report().auditIdReuseExamples().get(0).render().endsWith("falco_k8s_audit_events.jsonl:51"));
        assertEquals(51 - 1, r.report().recorded("allow")); // every Falco event is annotated "allow"
    }

    @Test
    void falcoDecisionsUnderTheBootstrapRoles() throws Exception {
        BatchTesting.Result r = BatchTesting.run(bootstrap, 1,
                Conformance.resolve("audit-logs/falco/falco_k8s_audit_events.jsonl"));
        List<JudgedRequest> byLine = r.requests();
        JudgedRequest anonymousMaster = at(byLine, 1); // system:anonymous, but in system:masters: cluster-admin
        assertTrue(anonymousMaster.judgement().allowed(), anonymousMaster.toString());
        assertEquals("", anonymousMaster.name(), "create is authorized without the new object's name");
        JudgedRequest someUser = at(byLine, 51); // some-user is in system:masters too
        assertTrue(someUser.judgement().allowed());
        assertTrue(someUser.judgement().rule().contains("cluster-admin"), someUser.judgement().rule());
        JudgedRequest kubelet = at(byLine, 28); // pods get by a node: the Node authorizer's job, not RBAC's
        assertFalse(kubelet.judgement().allowed());
        assertTrue(kubelet.newlyDenied());
        assertEquals(1, r.report().newlyDenied(), "the kubelet's read is the only flip");
        JudgedRequest replicaSetController = at(byLine, 20);
        assertTrue(replicaSetController.judgement().allowed(), replicaSetController.judgement().toString());
        JudgedRequest exec = at(byLine, 48);
        assertEquals("exec", exec.subresource());
        assertTrue(exec.judgement().allowed()); // minikube-user is in system:masters
    }

    @Test
    void everyTraceFileIsReadAndTheMalformedOneIsReportedWithItsPlace() throws Exception {
        Path traces = Conformance.resolve("audit-logs/falco/trace_files");
        Path[] files;
        try (Stream<Path> list = Files.list(traces)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toArray(Path[]::new);
        }
        assertEquals(46, files.length);
        Path malformed = Conformance.resolve("audit-logs/falco/malformed/fal_01_003.json");
        Path[] all = Stream.concat(Stream.of(files), Stream.of(malformed)).toArray(Path[]::new);
        BatchTesting.Result r = BatchTesting.run(bootstrap, 2, all);
        assertEquals(51, r.report().events());
        assertEquals(1, r.report().malformed());
        Problem p = r.problems().get(0);
        assertEquals(malformed.toString(), p.place().file());
        assertEquals(1, p.place().line());
        assertEquals("kind: expected a string, found a number", p.message());
    }

    @Test
    void allRealEventsTogether() throws Exception {
        BatchTesting.Result r = BatchTesting.run(bootstrap, 2,
                Conformance.resolve("audit-logs/audit2rbac/demo.log"),
                Conformance.resolve("audit-logs/falco/falco_k8s_audit_events.jsonl"));
        assertEquals(88, r.report().events());
        assertEquals(87, r.report().requests());
    }

    /**
     * Falco's pod traces through Pod Security at the baseline level. What upstream denies was read
     * off the pod specs by hand: hostNetwork (hostNamespaces), a privileged container in either
     * position (privileged), a hostPath volume (hostPathVolumes); the plain pods, the pods in
     * kube-public / kube-system and the Deployment (a workload: warned at most) are admitted.
     * Authorization allows everything here, so that every write reaches admission.
     */
    @Test
    void falcoPodTracesUnderBaselinePodSecurityAreDeniedExactlyWhereUpstreamDeniesThem() throws Exception {
        PolicyEngine pss = PolicyEngine.builder().add(StaticAuthorizer.alwaysAllow())
                .admission(PodSecurityAdmissionPlugin.of("pod-security", PodSecurityLevel.BASELINE,
                        PodSecurityVersion.LATEST))
                .build();
        Path traces = Conformance.resolve("audit-logs/falco/trace_files");
        Path[] files;
        try (Stream<Path> list = Files.list(traces)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toArray(Path[]::new);
        }
        // each trace on its own: two of them are variants of one event (same auditID, user, verb and
        // URI), which one run would rightly merge into one request
        List<JudgedRequest> requests = new java.util.ArrayList<>();
        long admissionDenied = 0;
        long admissionNewlyDenied = 0;
        Map<String, Long> notReplayed = new TreeMap<>();
        for (Path file : files) {
            BatchReport report = new BatchRunner(pss).workers(1).admission(List.of("pod-security"))
                    .run(List.of(LogSource.of(file.toString())), new BatchListener() {
                        @Override
                        public void request(JudgedRequest r) {
                            requests.add(r);
                        }
                    });
            admissionDenied += report.admission().denied();
            admissionNewlyDenied += report.admission().newlyDenied();
            report.admission().notReplayed().forEach((k, v) -> notReplayed.merge(k, v, Long::sum));
        }
        Map<String, String> denied = new TreeMap<>();
        for (JudgedRequest r : requests) {
            if (r.admission().state() == AdmissionVerdict.State.DENIED) {
                denied.put(Path.of(r.place().file()).getFileName().toString(), r.admission().rule());
            }
        }
        assertEquals(Map.of(
                "create_nginx_pod_hostnetwork.json", "hostNamespaces",
                "create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json", "privileged",
                "create_nginx_pod_privileged.json", "privileged",
                "create_nginx_pod_privileged_2nd_container.json", "privileged",
                "create_nginx_pod_sensitive_mount.json", "hostPathVolumes",
                "create_nginx_pod_sensitive_mount_2nd_container.json", "hostPathVolumes"), denied);
        List<String> admittedPods = requests.stream()
                .filter(r -> r.admission().state() == AdmissionVerdict.State.ALLOWED && r.resource().equals("pods"))
                .map(r -> Path.of(r.place().file()).getFileName().toString()).sorted().toList();
        assertEquals(List.of("create_nginx_pod_nohostnetwork.json", "create_nginx_pod_unprivileged.json",
                "create_pod_kube_public_namespace.json", "create_pod_kube_system_namespace.json"), admittedPods);
        // every denial is a request the cluster allowed: a flip, named by the check
        assertEquals(6, admissionDenied);
        assertEquals(6, admissionNewlyDenied);
        assertTrue(requests.stream().filter(r -> r.admission().state() == AdmissionVerdict.State.DENIED)
                .allMatch(r -> r.newlyDenied() && r.judgement().rule().startsWith("admission:")
                        && r.judgement().reason().startsWith("violates PodSecurity \"baseline:latest\"")));
        // the patch of a cluster role logged its result (RequestResponse): replayed as UPDATE, not skipped
        assertEquals(Map.of(), notReplayed);
        // reads and metadata-level writes carry no object: admission has nothing to say about them
        JudgedRequest secret = requests.stream()
                .filter(r -> r.place().file().endsWith("create_secret.json")).findFirst().orElseThrow();
        assertEquals(AdmissionVerdict.State.NONE, secret.admission().state());
    }

    private static JudgedRequest at(List<JudgedRequest> requests, long line) {
        return requests.stream().filter(j -> j.place().line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no request at line " + line));
    }
}
