package dev.palisade.server.deploy;

import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionPlugin;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the apiserver needs to call a {@code palisade serve} at a URL, as YAML: the authorization and
 * authentication webhook kubeconfigs, the AuthorizationConfiguration (and the flags for the token
 * webhook and for apiservers older than 1.30), and the Validating- and
 * MutatingWebhookConfigurations whose rules are derived from the loaded admission policies. A pure
 * function of its inputs: the same inputs print the same text.
 */
public final class WebhookConfigPrinter {
    /** Where the printed files are meant to live on a control-plane node (as the comments say). */
    static final String CONFIG_DIR = "/etc/kubernetes/palisade";
    /** Decisions the apiserver may cache: a policy reload takes effect for everyone within these. */
    static final String AUTHORIZED_TTL = "30s";
    static final String UNAUTHORIZED_TTL = "10s";
    static final String TOKEN_CACHE_TTL = "30s";
    /** Namespaces labelled so are not sent to admission (deploy/ labels Palisade's own: see docs/deploy.md). */
    static final String IGNORE_LABEL = "palisade.dev/admission";

    private WebhookConfigPrinter() {}

    /**
     * Loads {@code config}, reads the CA bundle that signed the server's certificate, and prints.
     *
     * @throws dev.palisade.engine.config.ConfigException when the configuration does not load (its problems name their places)
     * @throws IllegalArgumentException for a URL, CA file or timeout that cannot be used (the message says why)
     */
    public static String print(Path config, URI url, Path caFile, Duration timeout) {
        String ca;
        try {
            ca = Files.readString(caFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(caFile + ": cannot read the CA bundle: " + e.getMessage());
        }
        try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
            return print(url, ca, engine, timeout);
        }
    }

    /** Prints for a built engine: its admission plugins decide the admission rules, its authenticators whether authentication is wired. */
    public static String print(URI url, String caBundlePem, PolicyEngine engine, Duration timeout) {
        List<AdmissionTarget> targets = new ArrayList<>();
        for (AdmissionPlugin p : engine.admissionPlugins()) {
            targets.addAll(p.targets());
        }
        return print(url, caBundlePem, targets, !engine.authenticatorNames().isEmpty(), timeout);
    }

    static String print(URI url, String caBundlePem, List<AdmissionTarget> targets, boolean authenticates, Duration timeout) {
        String base = baseUrl(url);
        String ca = caData(caBundlePem);
        long timeoutSeconds = timeoutSeconds(timeout);
        StringBuilder out = new StringBuilder();
        out.append("""
                # Palisade webhook configuration for %s
                # Printed by `palisade serve --print-webhook-config`; the comment above each document says where it goes.
                # Every call is over HTTPS, verified against the CA bundle below; if palisade serve runs with
                # --client-ca-file, give the apiserver a client certificate signed by it (the paths under users[]).
                """.formatted(base));
        out.append(kubeconfig("authorization", base + "/apis/authorization.k8s.io/v1/subjectaccessreviews", ca,
                "1. " + CONFIG_DIR + "/authorization-webhook.kubeconfig on every control-plane node"));
        if (authenticates) {
            out.append(kubeconfig("authentication", base + "/apis/authentication.k8s.io/v1/tokenreviews", ca,
                    "2. " + CONFIG_DIR + "/authentication-webhook.kubeconfig on every control-plane node"));
        } else {
            out.append("""
                    # 2. No authentication webhook: this configuration has no authenticators, so Palisade would
                    #    authenticate nobody. Add authentication.authenticators to use it as a token webhook.
                    """);
        }
        out.append(authorizationConfiguration(timeout, timeoutSeconds));
        out.append(authenticationFlags(authenticates));
        out.append(admission(5, "ValidatingWebhookConfiguration", "validate", "validating", base, ca, timeoutSeconds,
                AdmissionWebhookRules.of(targets, AdmissionRule.Kind.VALIDATE)));
        out.append(admission(6, "MutatingWebhookConfiguration", "mutate", "mutating", base, ca, timeoutSeconds,
                AdmissionWebhookRules.of(targets, AdmissionRule.Kind.MUTATE)));
        return out.toString();
    }

    private static String kubeconfig(String what, String server, String ca, String where) {
        return """
                ---
                # %s
                apiVersion: v1
                kind: Config
                clusters:
                  - name: palisade-%s
                    cluster:
                      server: "%s"
                      certificate-authority-data: %s
                users:
                  - name: kube-apiserver
                    user:
                      # needed only when palisade serve runs with --client-ca-file (mutual TLS)
                      client-certificate: /etc/kubernetes/pki/palisade-webhook-client.crt
                      client-key: /etc/kubernetes/pki/palisade-webhook-client.key
                contexts:
                  - name: webhook
                    context: {cluster: palisade-%s, user: kube-apiserver}
                current-context: webhook
                """.formatted(where, what, server, ca, what);
    }

    private static String authorizationConfiguration(Duration timeout, long timeoutSeconds) {
        return """
                ---
                # 3. %s/authorization-config.yaml, given to the apiserver as --authorization-config (Kubernetes 1.30+).
                #    Palisade is asked after the Node authorizer and before RBAC, so that its deny rules can refuse what
                #    RBAC would grant; failurePolicy Deny: when Palisade cannot answer, the request is refused.
                #    Before 1.30, the same with flags:
                #      --authorization-mode=Node,Webhook,RBAC
                #      --authorization-webhook-config-file=%s/authorization-webhook.kubeconfig
                #      --authorization-webhook-version=v1
                #      --authorization-webhook-cache-authorized-ttl=%s --authorization-webhook-cache-unauthorized-ttl=%s
                apiVersion: apiserver.config.k8s.io/v1
                kind: AuthorizationConfiguration
                authorizers:
                  - type: Node
                    name: node
                  - type: Webhook
                    name: palisade
                    webhook:
                      timeout: %s
                      subjectAccessReviewVersion: v1
                      matchConditionSubjectAccessReviewVersion: v1
                      failurePolicy: Deny
                      authorizedTTL: %s
                      unauthorizedTTL: %s
                      connectionInfo:
                        type: KubeConfigFile
                        kubeConfigFile: %s/authorization-webhook.kubeconfig
                  - type: RBAC
                    name: rbac
                """.formatted(CONFIG_DIR, CONFIG_DIR, AUTHORIZED_TTL, UNAUTHORIZED_TTL, goDuration(timeout, timeoutSeconds),
                AUTHORIZED_TTL, UNAUTHORIZED_TTL, CONFIG_DIR);
    }

    private static String authenticationFlags(boolean authenticates) {
        if (!authenticates) {
            return "";
        }
        return """
                # 4. Authentication: an AuthenticationConfiguration (--authentication-config) holds JWT authenticators
                #    only; the token webhook is wired with flags, which work beside it:
                #      --authentication-token-webhook-config-file=%s/authentication-webhook.kubeconfig
                #      --authentication-token-webhook-version=v1
                #      --authentication-token-webhook-cache-ttl=%s
                """.formatted(CONFIG_DIR, TOKEN_CACHE_TTL);
    }

    private static String admission(int number, String kind, String path, String adjective, String base, String ca,
                                    long timeoutSeconds, AdmissionWebhookRules rules) {
        if (rules.isEmpty()) {
            return """
                    # %d. No %s: the configuration loads no %s admission rules.
                    """.formatted(number, kind, adjective);
        }
        String url = base + "/" + path;
        String where = number + ". kubectl apply -f this document: the " + adjective + " admission rules, at " + url;
        String verb = path;
        StringBuilder ruleText = new StringBuilder();
        for (AdmissionWebhookRules.Rule r : rules.rules()) {
            ruleText.append("""
                          - apiGroups: ["*"]
                            apiVersions: ["*"]
                            operations: %s
                            resources: %s
                            scope: "*"
                    """.formatted(AdmissionWebhookRules.flow(r.operations()), AdmissionWebhookRules.flow(r.resources())));
        }
        String reinvocation = kind.startsWith("Mutating") ? "    reinvocationPolicy: Never\n" : "";
        return """
                ---
                # %s
                apiVersion: admissionregistration.k8s.io/v1
                kind: %s
                metadata:
                  name: palisade
                webhooks:
                  - name: %s.palisade.dev
                    clientConfig:
                      url: "%s"
                      caBundle: %s
                    rules:
                %s    failurePolicy: Fail
                    matchPolicy: Equivalent
                    namespaceSelector:
                      matchExpressions:
                        - {key: %s, operator: NotIn, values: [ignore]}
                    sideEffects: None
                    timeoutSeconds: %d
                    admissionReviewVersions: [v1, v1beta1]
                %s""".formatted(where, kind, verb, url, ca, ruleText, IGNORE_LABEL, timeoutSeconds, reinvocation);
    }

    /** The URL without a trailing slash; only https, with a host, without query or fragment. */
    static String baseUrl(URI url) {
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an https:// URL with a host, got " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--url must not carry a query, fragment or user: " + url);
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.contains("\"") || s.contains("\\") || s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--url has characters a URL cannot have: " + url);
        }
        return s;
    }

    /** The PEM bundle, base64 as kubeconfigs and caBundle fields carry it; it must hold a certificate. */
    static String caData(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the CA bundle holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whole seconds for timeoutSeconds, which the apiserver accepts from 1 to 30. */
    static long timeoutSeconds(Duration timeout) {
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("the webhook timeout must be between 1s and 30s (the apiserver's limits), got " + timeout);
        }
        return (timeout.toMillis() + 999) / 1000;
    }

    private static String goDuration(Duration timeout, long wholeSeconds) {
        return timeout.toMillis() % 1000 == 0 ? wholeSeconds + "s" : timeout.toMillis() + "ms";
    }
}
