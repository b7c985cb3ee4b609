package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.audit.AuditLogGenerator;
import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on small hand-made logs: stages, formats, bad lines, order. */
class BatchRunnerTest {
    static PolicyEngine engine;

    @TempDir
    Path tmp;

    /** readers may list pods; admin is cluster-admin (and so may impersonate). */
    @BeforeAll
    static void engine() {
        String rbac = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: pod-reader}
                rules: [{apiGroups: [""], resources: ["pods"], verbs: ["get", "list"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: readers}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
                subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: readers}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: admin-all}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: admin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin-all}
                subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: admin}]
                """;
        engine = PolicyEngine.builder()
                .add(RbacAuthorizer.of(new RbacObjectsLoader().loadText("rbac.yaml", rbac).policy())).build();
    }

    static String event(String id, String stage, String user, String group, String verb, String uri, int code) {
        String status = code < 0 ? "" : ",\"responseStatus\":{\"metadata\":{},\"code\":" + code + "}";
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"" + user + "\",\"groups\":[\"" + group + "\"]}" + status + "}";
    }

    private Path write(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void stagesOfOneRequestCountOnceAndTheLaterStageSettlesIt() throws Exception {
        Path log = write("stages.log",
                event("a", "RequestReceived", "ann", "readers", "list", "/api/v1/namespaces/x/pods", -1),
                event("b", "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p", 200),
                event("a", "ResponseComplete", "ann", "readers", "list", "/api/v1/namespaces/x/pods", 403),
                event("c", "ResponseStarted", "ann", "readers", "watch", "/api/v1/pods?watch=true", 200),
                event("c", "ResponseComplete", "ann", "readers", "watch", "/api/v1/pods?watch=true", 200),
                event("d", "RequestReceived", "ann", "readers", "get", "/api/v1/namespaces/x/pods/q", -1));
        BatchTesting.Result r = BatchTesting.run(engine, 2, log);
        assertEquals(6, r.report().events());
        assertEquals(4, r.report().requests());
        assertEquals(2, r.report().stagesMerged());
        // settled in the order their outcome appeared; d never got one
        assertEquals(List.of("b", "a", "c", "d"), r.requests().stream().map(JudgedRequest::auditID).toList());
        assertEquals(RecordedDecision.DENY, r.byId("a").recorded());
        assertTrue(r.byId("a").newlyAllowed());
        assertEquals(3, r.byId("a").place().line());
        assertEquals(RecordedDecision.UNKNOWN, r.byId("d").recorded());
        assertFalse(r.byId("c").judgement().allowed()); // watch is not granted
        assertTrue(r.byId("c").newlyDenied());
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndTheRestIsJudged() throws Exception {
        Path log = write("bad.log",
                event("a", "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p", 200),
                "",
                "{\"kind\":\"Event\",\"verb\":",
                "not json at all",
                "   ",
                "{\"kind\": 0}",
                event("b", "ResponseComplete", "bob", "devs", "get", "/api/v1/namespaces/x/pods/p", 200));
        BatchTesting.Result r = BatchTesting.run(engine, 2, log);
        assertEquals(2, r.report().requests());
        assertEquals(3, r.report().malformed());
        assertEquals(List.of(3L, 4L, 6L), r.problems().stream().map(p -> p.place().line()).toList());
        assertTrue(r.problems().stream().allMatch(p -> p.place().file().equals(log.toString())));
        assertEquals(List.of(1L, 7L), r.requests().stream().map(j -> j.place().line()).toList());
        assertTrue(r.byId("b").newlyDenied());
    }

    @Test
    void gzipIsRecognisedByItsBytesAndSeveralFilesAreReadInOrder() throws Exception {
        Path gz = tmp.resolve("audit.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((event("g1", "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p", 200)
                    + "\n" + event("g2", "ResponseComplete", "ann", "readers", "delete", "/api/v1/namespaces/x/pods/p", 200)
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path plain = write("audit.log", event("p1", "ResponseComplete", "admin", "x", "delete", "/api/v1/nodes/n", 200));
        BatchTesting.Result r = BatchTesting.run(engine, 2, gz, plain);
        assertEquals(List.of("g1", "g2", "p1"), r.requests().stream().map(JudgedRequest::auditID).toList());
        assertEquals(gz.toString(), r.byId("g2").place().file());
        assertEquals(2, r.byId("g2").place().line());
        assertEquals(1, r.report().newlyDenied());
    }

    @Test
    void aTruncatedGzipIsReportedNotFatal() throws Exception {
        Path gz = tmp.resolve("cut.gz");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 200; i++) {
                out.write((event("t" + i, "ResponseComplete", "ann", "readers", "get", "/api/v1/pods", 200) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = bytes.toByteArray();
        Files.write(gz, java.util.Arrays.copyOf(all, all.length - 20));
        Path next = write("next.log", event("n", "ResponseComplete", "ann", "readers", "get", "/api/v1/pods", 200));
        BatchTesting.Result r = BatchTesting.run(engine, 2, gz, next);
        assertEquals(1, r.report().malformed());
        assertTrue(r.problems().get(0).message().startsWith("cannot read further"), r.problems().toString());
        assertEquals("n", r.requests().get(r.requests().size() - 1).auditID());
    }

    @Test
    void eventListsOnOneLineAndPrettyPrintedDocuments() throws Exception {
        String a = event("l1", "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p", 200);
        String b = event("l2", "ResponseComplete", "ann", "readers", "create", "/api/v1/namespaces/x/pods", 201);
        Path oneLine = write("webhook.jsonl",
                "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + a + "," + b + "]}");
        Path pretty = write("list.json", "{", "  \"kind\": \"EventList\",", "  \"apiVersion\": \"audit.k8s.io/v1\",",
                "  \"items\": [", "    " + event("p1", "ResponseComplete", "ann", "readers", "list", "/api/v1/pods", 200)
                        + ",", "    {\"kind\": 0},",
                "    " + event("p2", "ResponseComplete", "admin", "x", "list", "/api/v1/nodes", 200), "  ]", "}");
        BatchTesting.Result r = BatchTesting.run(engine, 2, oneLine, pretty);
        assertEquals(List.of("l1", "l2", "p1", "p2"), r.requests().stream().map(JudgedRequest::auditID).toList());
        assertEquals(0, r.byId("l2").place().line() - 1);
        assertEquals(1, r.byId("l2").place().item());
        assertEquals(5, r.byId("p1").place().line());
        assertEquals(7, r.byId("p2").place().line());
        assertEquals(1, r.report().malformed());
        assertEquals(6, r.problems().get(0).place().line());
        assertTrue(r.byId("l2").newlyDenied());
    }

    @Test
    void anItemOfAPrettyPrintedDocumentIsBoundedAsALineIs() throws Exception {
        PolicyEngine bounded = PolicyEngine.builder().add(engine.authorizers().get(0))
                .limits(dev.palisade.engine.config.Limits.DEFAULTS.with(java.util.Map.of("maxAuditLineBytes", 2_000))).build();
        String big = event("b1", "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p", 200)
                .replace("\"kind\":\"Event\"", "\"kind\":\"Event\",\"requestObject\":{\"pad\":[" + "\"xxxxxxxxxx\",".repeat(300) + "1]}");
        Path pretty = write("list.json", "{", "  \"kind\": \"EventList\",", "  \"apiVersion\": \"audit.k8s.io/v1\",",
                "  \"items\": [", "    " + big + ",",
                "    " + event("p2", "ResponseComplete", "admin", "x", "list", "/api/v1/nodes", 200), "  ]", "}");
        BatchTesting.Result r = BatchTesting.run(bounded, 1, pretty);
        assertEquals(List.of("p2"), r.requests().stream().map(JudgedRequest::auditID).toList());
        assertEquals(1, r.problems().size());
        assertEquals(5, r.problems().get(0).place().line());
        assertEquals("document item larger than 2000 bytes (limits.maxAuditLineBytes); skipped", r.problems().get(0).message());
        assertFalse(r.problems().get(0).restSkipped());
    }

    /** A chunk's buffer starts small and grows with its lines: lines of 100 KB and 700 KB among small ones, all read whole. */
    @Test
    void longLinesAmongShortOnesAreReadWhole() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = "r" + i;
            String e = event(id, "ResponseComplete", "ann", "readers", "get", "/api/v1/namespaces/x/pods/p" + i, 200);
            int pad = i == 3 ? 100_000 : i == 300 ? 700_000 : i == 301 ? 100_000 : 0;
            if (pad > 0) {
                e = e.replace("\"kind\":\"Event\"", "\"kind\":\"Event\",\"requestObject\":{\"pad\":\"" + "x".repeat(pad) + "\"}");
            }
            lines.add(e);
            ids.add(id);
        }
        BatchTesting.Result r = BatchTesting.run(engine, 2, write("long.log", lines.toArray(String[]::new)));
        assertEquals(0, r.report().malformed(), "problems: " + r.problems());
        assertEquals(ids, r.requests().stream().map(JudgedRequest::auditID).toList());
        assertEquals(302, r.byId("r301").place().line());
    }

    @Test
    void impersonationIsJudgedForTheRequesterFirst() throws Exception {
        String byAdmin = "{\"kind\":\"Event\",\"auditID\":\"i1\",\"stage\":\"ResponseComplete\",\"verb\":\"list\","
                + "\"requestURI\":\"/api/v1/pods\",\"user\":{\"username\":\"admin\"},"
                + "\"impersonatedUser\":{\"username\":\"ann\",\"groups\":[\"readers\",\"system:authenticated\"]},"
                + "\"responseStatus\":{\"code\":200}}";
        String byAnn = byAdmin.replace("i1", "i2").replace("\"username\":\"admin\"", "\"username\":\"ann2\"");
        BatchTesting.Result r = BatchTesting.run(engine, 1, write("imp.log", byAdmin, byAnn));
        assertTrue(r.byId("i1").judgement().allowed());
        assertEquals("admin", r.byId("i1").impersonatedBy());
        assertFalse(r.byId("i2").judgement().allowed());
        assertEquals("impersonation", r.byId("i2").judgement().rule());
        assertTrue(r.byId("i2").judgement().reason().startsWith("ann2 may not impersonate users \"ann\""),
                r.byId("i2").judgement().reason());
    }

    @Test
    void outputIsTheSameWhateverTheNumberOfWorkers() throws Exception {
        Path log = tmp.resolve("generated.log");
        Files.write(log, AuditLogGenerator.generate(42, 20_000));
        String one = eventsOf(log, 1);
        String three = eventsOf(log, 3);
        assertEquals(one, three);
        assertTrue(one.lines().count() > 15_000, "most events are requests");
    }

    private static String eventsOf(Path log, int workers) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (EventsWriter w = new EventsWriter(out)) {
            new BatchRunner(engine).workers(workers).run(List.of(LogSource.of(log.toString())), w);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
