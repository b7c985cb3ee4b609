package dev.palisade.example;

import dev.palisade.PalisadeException;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Embeds Palisade the way an application would: build one engine from a configuration, then
 * authenticate, authorize (from four threads at once) and admit, and close the engine at the end.
 * Run it with {@code java -cp ... dev.palisade.example.EmbeddingExample examples/embedding/config/palisade.yaml}.
 */
public final class EmbeddingExample {
    private static final String COMPLIANT_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"dev"},
             "spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
                     "containers":[{"name":"web","image":"nginx",
                                    "securityContext":{"allowPrivilegeEscalation":false,
                                                       "capabilities":{"drop":["ALL"]}}}]}}""";
    private static final String PRIVILEGED_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad","namespace":"dev"},
             "spec":{"containers":[{"name":"root","image":"busybox","securityContext":{"privileged":true}}]}}""";

    /** What the example saw, for its test and for people reading its output. */
    public record Report(List<String> users, List<String> decisions, List<String> admissions) {
    }

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "examples/embedding/config/palisade.yaml");
        try {
            Report report = run(config);
            report.users().forEach(u -> System.out.println("authenticated: " + u));
            report.decisions().forEach(d -> System.out.println("authorized:    " + d));
            report.admissions().forEach(a -> System.out.println("admitted:      " + a));
        } catch (PalisadeException e) {
            // every problem names its place: file:line:col and the reason
            e.problems().forEach(System.err::println);
            System.exit(2);
        }
    }

    public static Report run(Path config) throws Exception {
        // Built once: policies compiled, grants loaded. Closing it releases its Drools sessions.
        try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
            List<String> users = new ArrayList<>();
            List<UserInfo> people = new ArrayList<>();
            for (String token : List.of("token-alice-0123456789", "token-intern-0123456789", "no-such-token")) {
                AuthenticationResult who = engine.authenticate(Credentials.bearer(token));
                users.add(who.authenticated() ? who.user().name() + " " + who.user().groups() : "rejected: " + who.reason());
                if (who.authenticated()) {
                    people.add(who.user());
                }
            }

            List<RequestAttributes> requests = new ArrayList<>();
            for (UserInfo user : people) {
                for (String resource : List.of("pods", "secrets")) {
                    requests.add(RequestAttributes.builder().user(user).verb("get").resource(resource).namespace("dev").build());
                }
                requests.add(RequestAttributes.builder().user(user).verb("delete").resource("pods").namespace("dev").build());
            }
            // The engine is thread-safe: many threads may ask it at once.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<String> decisions = new ArrayList<>();
            try {
                List<Future<Decision>> answers = new ArrayList<>();
                for (RequestAttributes r : requests) {
                    answers.add(pool.submit(() -> engine.authorize(r)));
                }
                for (int i = 0; i < requests.size(); i++) {
                    Decision d = answers.get(i).get(10, TimeUnit.SECONDS);
                    decisions.add(requests.get(i).user().name() + " " + requests.get(i).describe() + ": "
                            + d.verdict() + " (" + d.reasonText() + ")");
                }
            } finally {
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }

            List<String> admissions = new ArrayList<>();
            for (String pod : List.of(COMPLIANT_POD, PRIVILEGED_POD)) {
                AdmissionRequest request = AdmissionRequest.builder().operation("CREATE").kind("Pod").resource("pods")
                        .namespace("dev").user(people.get(0)).objectJson(pod).build();
                AdmissionDecision d = engine.admit(request);
                admissions.add((d.allowed() ? "allowed" : "denied: " + d.message()));
            }
            return new Report(users, decisions, admissions);
        }
    }
}
