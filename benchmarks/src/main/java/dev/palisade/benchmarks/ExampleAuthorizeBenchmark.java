package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The first benchmark: the full authorization path (Policy then RBAC chain) over the bundled
 * example configuration, against a chain of one fixed authorizer in the same run (the chain's
 * own overhead: the floor for this shape). The grown-up suite (bindings at scale, jCasbin and
 * cedar-java peers, a hand-written index floor) is tracked separately.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ExampleAuthorize -Dpalisade.examples=examples}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ExampleAuthorizeBenchmark {
    @Param({"palisade", "static-floor"})
    public String engine;

    private PolicyEngine policyEngine;
    private List<RequestAttributes> requests;

    @Setup
    public void setup() {
        Path examples = Path.of(System.getProperty("palisade.examples", "examples"));
        policyEngine = switch (engine) {
            case "palisade" -> PolicyEngine.fromConfig(examples.resolve("palisade.yaml"));
            case "static-floor" -> PolicyEngine.builder().add(StaticAuthorizer.alwaysDeny()).build();
            default -> throw new IllegalArgumentException(engine);
        };
        UserInfo dev = new UserInfo("bob", "", List.of("payments-devs", "system:authenticated"), java.util.Map.of());
        UserInfo sre = new UserInfo("dave", "", List.of("sre", "oncall", "system:authenticated"), java.util.Map.of());
        requests = List.of(
                RequestAttributes.resource(dev, "update", "payments", "apps", "deployments", "", "api"),
                RequestAttributes.resource(dev, "update", "frontend", "apps", "deployments", "", "web"),
                RequestAttributes.resource(sre, "list", "payments", "", "pods", "", ""),
                RequestAttributes.resource(sre, "delete", "kube-system", "", "configmaps", "", "coredns"),
                RequestAttributes.nonResource(sre, "get", "/healthz"));
    }

    @Benchmark
    public void authorizeMix(Blackhole bh) {
        for (RequestAttributes r : requests) {
            bh.consume(policyEngine.authorize(r));
        }
    }
}
