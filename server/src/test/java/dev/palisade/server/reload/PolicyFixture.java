package dev.palisade.server.reload;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration on disk with a DSL policy folder and an RBAC folder, and the edits reload tests
 * make to it: {@code grant(n)} lets user {@code user-n} get pods (and only that user), so which
 * grant an engine serves is read back from its decisions.
 */
final class PolicyFixture {
    static final String CONFIG = """
            apiVersion: palisade.dev/v1alpha1
            kind: Configuration
            authorization:
              authorizers:
                - type: Policy
                  name: guard-rails
                  paths: [policies/]
                - type: RBAC
                  paths: [rbac/]
            """;
    static final String POLICY = """
            package fixture
            deny "no-secrets-for-interns"
              when "interns" in user.groups and resource == "secrets"
              because "interns may not read secrets"
            """;

    final Path root;
    final Path config;
    final Path rbac;
    final Path policies;

    PolicyFixture(Path root) throws IOException {
        this.root = root;
        this.config = root.resolve("palisade.yaml");
        this.rbac = Files.createDirectories(root.resolve("rbac"));
        this.policies = Files.createDirectories(root.resolve("policies"));
        Files.writeString(config, CONFIG);
        Files.writeString(policies.resolve("guard-rails.pal"), POLICY);
        Files.writeString(rbac.resolve("role.yaml"), role());
        grant(0);
    }

    static String role() {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: pod-reader}
                rules:
                  - apiGroups: [""]
                    resources: [pods]
                    verbs: [get, list, watch]
                """;
    }

    static String binding(int n) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: readers}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
                subjects:
                  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: user-%d}
                """.formatted(n);
    }

    /** Binds the pod reader role to {@code user-n} instead of whoever had it. */
    void grant(int n) throws IOException {
        writeAtomically(rbac.resolve("binding.yaml"), binding(n));
    }

    /** A binding file that does not parse (YAML error on line 3). */
    void breakRbac() throws IOException {
        writeAtomically(rbac.resolve("binding.yaml"), "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: [\n");
    }

    /** As editors and kubelet write: a new file renamed over the old, so readers never see half a file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static RequestAttributes getPods(String user, String... groups) {
        return RequestAttributes.resource(UserInfo.of(user, groups), "get", "default", "", "pods", "", "");
    }

    static Decision ask(PolicyEngine engine, int n) {
        return engine.authorize(getPods("user-" + n));
    }
}
