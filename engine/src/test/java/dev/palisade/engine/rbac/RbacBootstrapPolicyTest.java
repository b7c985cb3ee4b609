package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.rbac.load.LoadedRbac;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.testing.Conformance;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default roles and bindings of a Kubernetes cluster, and questions whose answers are known. */
class RbacBootstrapPolicyTest {
    private static LoadedRbac loaded;
    private static RbacAuthorizer bootstrap;
    private static RbacAuthorizer withTeamBindings;

    @BeforeAll
    static void load() {
        loaded = new RbacObjectsLoader().load(List.of(Conformance.resolve("rbac-bootstrap-policy")));
        bootstrap = RbacAuthorizer.of(loaded.policy());
        RbacPolicy team = new RbacPolicy(null, null, List.of(
                RoleBinding.of("team-a", "viewers", RoleRef.clusterRole("view"), Subject.user("alice")),
                RoleBinding.of("team-a", "editors", RoleRef.clusterRole("edit"), Subject.group("devs")),
                RoleBinding.of("team-a", "admins", RoleRef.clusterRole("admin"), Subject.serviceAccount("", "deployer"))),
                null);
        withTeamBindings = RbacAuthorizer.of(loaded.policy().plus(team));
    }

    @Test
    void bootstrap_loadsEveryObject() {
        RbacPolicy p = loaded.policy();
        assertEquals(31 + 38, p.clusterRoles().size());
        assertEquals(10 + 38, p.clusterRoleBindings().size());
        assertEquals(7, p.roles().size());
        assertEquals(7, p.roleBindings().size());
        assertEquals(0, loaded.skipped());
    }

    @Test
    void aggregation_fillsAdminEditView() {
        ClusterRole view = clusterRole("view");
        ClusterRole edit = clusterRole("edit");
        ClusterRole admin = clusterRole("admin");
        assertTrue(view.aggregated());
        assertFalse(view.rules().isEmpty());
        // edit aggregates view (view carries aggregate-to-edit), admin aggregates edit: strictly growing sets
        assertTrue(edit.rules().containsAll(view.rules()), "edit ⊇ view");
        assertTrue(admin.rules().containsAll(edit.rules()), "admin ⊇ edit");
        assertTrue(admin.rules().size() > edit.rules().size() && edit.rules().size() > view.rules().size());
        assertEquals(new java.util.HashSet<>(admin.rules()).size(), admin.rules().size(), "no duplicate rules");
    }

    private static ClusterRole clusterRole(String name) {
        return bootstrap.policy().clusterRoles().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "system:masters may {0} {1}/{2} in \"{3}\"")
    @CsvSource({
            "get, '', pods, kube-system",
            "delete, apps, deployments, prod",
            "escalate, rbac.authorization.k8s.io, clusterroles, ''",
            "frobnicate, made.up, widgets, anywhere"})
    void masters_mayDoAnything(String verb, String group, String resource, String namespace) {
        Decision d = bootstrap.authorize(RequestAttributes.resource(
                UserInfo.of("root", "system:masters", "system:authenticated"), verb, namespace, group, resource, "", ""));
        assertTrue(d.allowed());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\"",
                d.reasons().get(0).message());
    }

    @Test
    void masters_mayDoAnything_nonResource() {
        assertTrue(bootstrap.authorize(RequestAttributes.nonResource(
                UserInfo.of("root", "system:masters"), "delete", "/metrics/anything")).allowed());
    }

    @Test
    void unauthenticated_mayGetHealthz_only() {
        UserInfo anonymous = UserInfo.of("system:anonymous", "system:unauthenticated");
        Decision healthz = bootstrap.authorize(RequestAttributes.nonResource(anonymous, "get", "/healthz"));
        assertTrue(healthz.allowed());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole "
                + "\"system:public-info-viewer\" to Group \"system:unauthenticated\"", healthz.reasons().get(0).message());
        assertFalse(bootstrap.authorize(RequestAttributes.nonResource(anonymous, "post", "/healthz")).allowed());
        assertFalse(bootstrap.authorize(RequestAttributes.nonResource(anonymous, "get", "/metrics")).allowed());
        Decision pods = bootstrap.authorize(RequestAttributes.resource(anonymous, "list", "default", "", "pods", "", ""));
        assertFalse(pods.allowed());
        assertEquals("", pods.reasonText());
    }

    @ParameterizedTest(name = "kube-scheduler {0} {1}/{2}/{3} name \"{4}\" in \"{5}\" → {6}")
    @CsvSource({
            "create, '', pods, binding, '', default, true",
            "get, coordination.k8s.io, leases, '', kube-scheduler, kube-system, true",
            "get, coordination.k8s.io, leases, '', other-lease, default, false",
            "update, '', pods, status, '', default, true",
            "update, '', pods, '', '', default, false",
            "list, storage.k8s.io, csinodes, '', '', '', true",
            "get, '', secrets, '', '', default, false"})
    void kubeScheduler(String verb, String group, String resource, String sub, String name, String ns, boolean allowed) {
        UserInfo scheduler = UserInfo.of("system:kube-scheduler", "system:authenticated");
        assertEquals(allowed, bootstrap.authorize(
                RequestAttributes.resource(scheduler, verb, ns, group, resource, sub, name)).allowed());
    }

    @Test
    void controllerServiceAccount_boundByControllerRoleBindings() {
        UserInfo sa = new UserInfo("system:serviceaccount:kube-system:deployment-controller", "",
                List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"), null);
        Decision d = bootstrap.authorize(RequestAttributes.resource(sa, "create", "prod", "apps", "replicasets", "", ""));
        assertTrue(d.allowed());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"system:controller:deployment-controller\" of ClusterRole "
                + "\"system:controller:deployment-controller\" to ServiceAccount \"deployment-controller/kube-system\"",
                d.reasons().get(0).message());
        assertFalse(bootstrap.authorize(RequestAttributes.resource(sa, "delete", "prod", "apps", "deployments", "", "")).allowed());
        // the same name in another namespace is another service account
        UserInfo impostor = UserInfo.of("system:serviceaccount:default:deployment-controller");
        assertFalse(bootstrap.authorize(RequestAttributes.resource(impostor, "create", "prod", "apps", "replicasets", "", "")).allowed());
    }

    @Test
    void view_viaRoleBinding_readsButNotSecretsNorWrites_andOnlyInItsNamespace() {
        UserInfo alice = UserInfo.of("alice", "system:authenticated");
        Decision d = withTeamBindings.authorize(RequestAttributes.resource(alice, "list", "team-a", "", "pods", "", ""));
        assertTrue(d.allowed());
        assertEquals("RBAC: allowed by RoleBinding \"viewers/team-a\" of ClusterRole \"view\" to User \"alice\"",
                d.reasons().get(0).message());
        assertFalse(withTeamBindings.authorize(RequestAttributes.resource(alice, "get", "team-a", "", "secrets", "", "")).allowed());
        assertFalse(withTeamBindings.authorize(RequestAttributes.resource(alice, "create", "team-a", "", "pods", "", "")).allowed());
        assertFalse(withTeamBindings.authorize(RequestAttributes.resource(alice, "list", "team-b", "", "pods", "", "")).allowed());
        assertFalse(withTeamBindings.authorize(RequestAttributes.resource(alice, "list", "", "", "pods", "", "")).allowed());
    }

    @Test
    void edit_and_admin_viaRoleBinding() {
        UserInfo dev = UserInfo.of("bob", "devs");
        assertTrue(withTeamBindings.authorize(RequestAttributes.resource(dev, "create", "team-a", "apps", "deployments", "", "")).allowed());
        assertTrue(withTeamBindings.authorize(RequestAttributes.resource(dev, "get", "team-a", "", "secrets", "", "")).allowed());
        assertFalse(withTeamBindings.authorize(RequestAttributes.resource(dev, "create", "team-a", "rbac.authorization.k8s.io", "rolebindings", "", "")).allowed());
        // a ServiceAccount subject with no namespace in a RoleBinding means the binding's namespace
        UserInfo deployer = UserInfo.of("system:serviceaccount:team-a:deployer");
        Decision d = withTeamBindings.authorize(RequestAttributes.resource(deployer, "create", "team-a", "rbac.authorization.k8s.io", "rolebindings", "", ""));
        assertTrue(d.allowed());
        assertEquals("RBAC: allowed by RoleBinding \"admins/team-a\" of ClusterRole \"admin\" to ServiceAccount \"deployer/team-a\"",
                d.reasons().get(0).message());
    }
}
