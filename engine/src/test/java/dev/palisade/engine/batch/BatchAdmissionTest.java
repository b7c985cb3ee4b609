package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission replay per verb and body, the recorded decision of admission denials, and when decisions are memoised. */
class BatchAdmissionTest {
    static final String PRIVILEGED = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"securityContext\":{\"privileged\":true}}]}}";
    static final String PLAIN = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";

    @TempDir
    Path tmp;

    static PolicyEngine engine(Authorizer authorizer) {
        return PolicyEngine.builder().add(authorizer)
                .admission(PodSecurityAdmissionPlugin.of("pss", PodSecurityLevel.BASELINE, PodSecurityVersion.LATEST))
                .build();
    }

    static String event(String id, String verb, String uri, int code, String extra) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\"" + id
                + "\",\"stage\":\"ResponseComplete\",\"verb\":\"" + verb + "\",\"requestURI\":\"" + uri
                + "\",\"user\":{\"username\":\"u\"},\"responseStatus\":{\"code\":" + code + "}" + extra + "}";
    }

    BatchTesting.Result run(PolicyEngine engine, List<String> plugins, String... lines) throws Exception {
        Path log = tmp.resolve("a.log");
        Files.write(log, List.of(lines));
        List<JudgedRequest> requests = new ArrayList<>();
        BatchReport report = new BatchRunner(engine).workers(1).admission(plugins).run(
                List.of(LogSource.of(log.toString())), new BatchListener() {
                    @Override
                    public void request(JudgedRequest r) {
                        requests.add(r);
                    }
                });
        return new BatchTesting.Result(report, requests, List.of());
    }

    @Test
    void eachVerbIsAdmittedWithWhatTheApiserverSaw() throws Exception {
        BatchTesting.Result r = run(engine(StaticAuthorizer.alwaysAllow()), List.of("pss"),
                event("create", "create", "/api/v1/namespaces/ns/pods", 201, ",\"requestObject\":" + PRIVILEGED),
                event("update", "update", "/api/v1/namespaces/ns/pods/p", 200, ",\"requestObject\":" + PRIVILEGED),
                // a patch body is not the object: the logged result is what admission saw
                event("patch", "patch", "/api/v1/namespaces/ns/pods/p", 200,
                        ",\"requestObject\":{\"metadata\":{\"labels\":{\"a\":\"b\"}}},\"responseObject\":" + PRIVILEGED),
                event("patch-no-result", "patch", "/api/v1/namespaces/ns/pods/p", 200,
                        ",\"requestObject\":{\"spec\":{\"hostNetwork\":true}}"),
                event("delete", "delete", "/api/v1/namespaces/ns/pods/p", 200,
                        ",\"requestObject\":{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}"),
                event("deletecollection", "deletecollection", "/api/v1/namespaces/ns/pods", 200,
                        ",\"requestObject\":{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}"),
                event("plain", "create", "/api/v1/namespaces/ns/pods", 201, ",\"requestObject\":" + PLAIN),
                event("read", "get", "/api/v1/namespaces/ns/pods/p", 200, ",\"responseObject\":" + PRIVILEGED));
        assertEquals(AdmissionVerdict.State.DENIED, r.byId("create").admission().state());
        assertEquals("privileged", r.byId("create").admission().rule());
        assertEquals("admission:privileged", r.byId("create").judgement().rule());
        assertFalse(r.byId("create").judgement().allowed());
        assertTrue(r.byId("create").newlyDenied());
        assertEquals(AdmissionVerdict.State.DENIED, r.byId("update").admission().state());
        assertEquals(AdmissionVerdict.State.DENIED, r.byId("patch").admission().state());
        assertEquals(AdmissionVerdict.State.NOT_REPLAYED, r.byId("patch-no-result").admission().state());
        assertTrue(r.byId("patch-no-result").judgement().allowed(), "not replayed is not a deny");
        assertEquals(AdmissionVerdict.State.ALLOWED, r.byId("delete").admission().state());
        assertEquals(AdmissionVerdict.State.NOT_REPLAYED, r.byId("deletecollection").admission().state());
        assertEquals(AdmissionVerdict.State.ALLOWED, r.byId("plain").admission().state());
        assertEquals(AdmissionVerdict.State.NONE, r.byId("read").admission().state());
        AdmissionSummary a = r.report().admission();
        assertEquals(List.of(5L, 2L, 3L, 3L, 2L), List.of(a.replayed(), a.allowed(), a.denied(), a.newlyDenied(),
                a.notReplayedTotal()));
    }

    @Test
    void aForbiddenAnswerAfterAnAllowedAuthorizationWasAdmissionsDeny() throws Exception {
        String ann = ",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"},\"requestObject\":" + PRIVILEGED;
        String line = event("refused", "create", "/api/v1/namespaces/ns/pods", 403, ann);
        BatchTesting.Result withAdmission = run(engine(StaticAuthorizer.alwaysAllow()), List.of("pss"), line);
        assertEquals(RecordedDecision.DENY, withAdmission.byId("refused").recorded());
        assertFalse(withAdmission.byId("refused").newlyDenied(), "denied then, denied now");
        // judged for authorization only, the annotation is the whole story
        BatchTesting.Result authzOnly = run(engine(StaticAuthorizer.alwaysAllow()), List.of(), line);
        assertEquals(RecordedDecision.ALLOW, authzOnly.byId("refused").recorded());
        assertEquals(AdmissionVerdict.State.NONE, authzOnly.byId("refused").admission().state());
        assertTrue(authzOnly.byId("refused").judgement().allowed());
    }

    @Test
    void aWriteAuthorizationDeniesNeverReachesAdmission() throws Exception {
        BatchTesting.Result r = run(engine(StaticAuthorizer.alwaysDeny()), List.of("pss"),
                event("denied", "create", "/api/v1/namespaces/ns/pods", 403, ",\"requestObject\":" + PRIVILEGED));
        assertEquals(AdmissionVerdict.State.NOT_REACHED, r.byId("denied").admission().state());
        assertEquals(1, r.report().admission().notReached());
        assertEquals(0, r.report().admission().replayed());
    }

    /** Answers like a webhook might: the same question gets a different answer each time. */
    static final class Flipping implements Authorizer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "remote";
        }

        @Override
        public Decision authorize(RequestAttributes request) {
            return calls.incrementAndGet() % 2 == 1 ? Decision.allow(new Reason("remote", "", "odd", ""))
                    : Decision.deny(new Reason("remote", "", "even", ""));
        }
    }

    @Test
    void decisionsAreNotMemoisedWhenAnAuthorizerIsNotPure() throws Exception {
        Flipping remote = new Flipping();
        String[] same = new String[4];
        for (int i = 0; i < same.length; i++) {
            same[i] = event("r" + i, "get", "/api/v1/namespaces/ns/pods/p", 200, "");
        }
        BatchTesting.Result r = run(PolicyEngine.builder().add(remote).build(), List.of(), same);
        assertEquals(4, remote.calls.get(), "asked every time");
        assertEquals(List.of(true, false, true, false), r.requests().stream().map(j -> j.judgement().allowed()).toList());
        assertEquals(1, r.report().notes().size());
        assertTrue(r.report().notes().get(0).contains("\"remote\" is not a pure function"), r.report().notes().get(0));
        // a pure chain is asked once per distinct request and says nothing about it
        BatchTesting.Result pure = run(PolicyEngine.builder().add(StaticAuthorizer.alwaysAllow()).build(), List.of(), same);
        assertEquals(List.of(), pure.report().notes());
    }
}
