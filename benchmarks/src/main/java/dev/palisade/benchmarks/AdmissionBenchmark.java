package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.ObjectTypeCheck;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.admission.pss.PodSecurityAdmissionPlugin;
import dev.palisade.engine.admission.pss.PodSecurityLevel;
import dev.palisade.engine.admission.pss.PodSecurityVersion;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admission decision for a Deployment-sized Pod against the Pod Security Standards'
 * {@code restricted} level (latest), warm, one thread:
 * <ul>
 *   <li>{@code palisade}: {@link PolicyEngine#admit} with a {@code PodSecurity} plugin, as configured
 *       by {@code admission: [{type: PodSecurity, level: restricted}]};</li>
 *   <li>{@code jackson}: the floor, {@link PodSecurityFloor}, a hand-written walk over the same
 *       Jackson tree doing the same checks;</li>
 *   <li>{@code typecheck}: only the check of the object against the Pod's field types that
 *       {@link AdmissionReviews#toRequest} runs before any plugin ({@link ObjectTypeCheck}, D7);</li>
 *   <li>{@code palisade-review} and {@code jackson-review}: the whole request as a webhook gets it,
 *       from the AdmissionReview's JSON text: {@link AdmissionRequest#fromReview(String)} (parse,
 *       type check, conversion to plain values) then admit, against Jackson's parse then the floor.
 *       {@code palisade} builds its request once, so its figure leaves the conversion out.</li>
 * </ul>
 * {@code pod}: {@code typical} passes every check (the common case), {@code many} breaks five.
 * Before measuring, both must agree on every sample pod of {@link SamplePods} (allowed or not, and
 * which checks failed), or setup fails.
 *
 * <p>Quick mode: {@code java -jar benchmarks/target/benchmarks.jar AdmissionBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class AdmissionBenchmark {
    @Param({"palisade", "jackson", "typecheck", "palisade-review", "jackson-review"})
    public String engine;

    @Param({"typical", "many"})
    public String pod;

    private PolicyEngine palisade;
    private boolean measurePalisade;
    private boolean measureTypeCheck;
    private AdmissionRequest request;
    private JsonNode reviewRequest;
    private JsonNode object;
    private String reviewJson;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Setup(Level.Trial)
    public void setup() {
        palisade = engine();
        measurePalisade = engine.equals("palisade");
        measureTypeCheck = engine.equals("typecheck");
        Map<String, JsonNode> pods = SamplePods.all();
        checkAgreement(palisade, pods);
        object = pods.get(pod);
        request = request(object);
        reviewRequest = reviewRequest(object);
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.set("request", reviewRequest.deepCopy());
        ((ObjectNode) review.get("request")).put("namespace",
                object.path("metadata").path("namespace").asText()).put("name", object.path("metadata").path("name").asText());
        ((ObjectNode) review.get("request")).putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        ((ObjectNode) review.get("request")).putObject("userInfo").put("username",
                "system:serviceaccount:kube-system:replicaset-controller");
        reviewJson = review.toString();
        AdmissionRequest fromReview = AdmissionRequest.fromReview(reviewJson);
        if (!fromReview.object().equals(request.object()) || !fromReview.resource().equals("pods")
                || palisade.admit(fromReview).allowed() != palisade.admit(request).allowed()) {
            throw new IllegalStateException("the review text does not carry the same request: " + fromReview);
        }
        if (ObjectTypeCheck.mismatch(reviewRequest) != null) {
            throw new IllegalStateException("sample pod refused as malformed: " + ObjectTypeCheck.mismatch(reviewRequest));
        }
        long end = System.nanoTime() + AuthorizeBenchmark.WARM_MILLIS * 1_000_000L;
        do {
            admit();
        } while (System.nanoTime() < end);
    }

    static PolicyEngine engine() {
        return PolicyEngine.builder()
                .add(StaticAuthorizer.alwaysAllow())
                .admission(PodSecurityAdmissionPlugin.of("pod-security", PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST))
                .build();
    }

    static AdmissionRequest request(JsonNode pod) {
        return new AdmissionRequest("0d9c-uid", "CREATE", "Pod", "pods", "", pod.path("metadata").path("namespace").asText(),
                pod.path("metadata").path("name").asText(), UserInfo.of("system:serviceaccount:kube-system:replicaset-controller",
                "system:serviceaccounts", "system:authenticated"), false, PlainJson.object(pod), null, null);
    }

    /** The {@code request} of an AdmissionReview carrying {@code pod}, as the apiserver sends it. */
    static JsonNode reviewRequest(JsonNode pod) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("uid", "0d9c-uid").put("operation", "CREATE");
        r.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        r.set("object", pod);
        return r;
    }

    /** The checks palisade says {@code pod} violates, by upstream check id. */
    static Set<String> palisadeViolations(PolicyEngine engine, JsonNode pod) {
        AdmissionDecision d = engine.admit(request(pod));
        Set<String> out = new TreeSet<>();
        for (AdmissionReason r : d.denials()) {
            out.add(r.ruleId());
        }
        if (d.allowed() != out.isEmpty()) {
            throw new IllegalStateException("allowed=" + d.allowed() + " with denials " + out);
        }
        return out;
    }

    /** The correctness gate: throws unless engine and floor find the same violations on every sample pod. */
    static void checkAgreement(PolicyEngine engine, Map<String, JsonNode> pods) {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : pods.entrySet()) {
            Set<String> p = palisadeViolations(engine, e.getValue());
            Set<String> f = PodSecurityFloor.violations(e.getValue());
            if (!p.equals(f)) {
                mismatches.add(e.getKey() + ": palisade " + p + ", floor " + f);
            }
            if (e.getKey().equals("typical") != p.isEmpty()) {
                mismatches.add(e.getKey() + ": expected " + (e.getKey().equals("typical") ? "no" : "some") + " violation, got " + p);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("palisade and the Jackson floor disagree:\n  " + String.join("\n  ", mismatches));
        }
    }

    @Benchmark
    public Object admit() {
        switch (engine) {
            case "palisade-review":
                return palisade.admit(AdmissionRequest.fromReview(reviewJson));
            case "jackson-review":
                try {
                    return PodSecurityFloor.violations(JSON.readTree(reviewJson).path("request").path("object"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            default:
                break;
        }
        if (measureTypeCheck) {
            return ObjectTypeCheck.mismatch(reviewRequest);
        }
        return measurePalisade ? palisade.admit(request) : PodSecurityFloor.violations(object);
    }
}
