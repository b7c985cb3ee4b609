package dev.palisade.engine.rbac;

import dev.palisade.dsl.runtime.SessionPool;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.yaml.YamlLimits;
import java.nio.file.Path;
import java.util.List;
import org.kie.api.runtime.KieSession;

/**
 * Kubernetes RBAC decided by Drools: only ever ALLOW or NO_OPINION.
 *
 * <p>Grants are facts of this authorizer (immutable, built once); the rule is the shared fixed
 * KieBase ({@link RbacKieBase}). Sessions, with the grants inserted once, sit in a
 * {@link SessionPool}. The first request of an identity set (a user's name and bound groups)
 * in a scope borrows one and has its rule join the identities with the grants; the resulting
 * {@link IdentityGroup} is kept, bounded, in that session's {@link IdentityCache}. A request
 * then reads its group (two map lookups), gives the session back, and checks the group's few
 * grants with {@code RuleAllows} in the apiserver's visiting order, stopping at the first that
 * allows. Decisions are shared immutable objects, so a warm decision allocates nothing.
 * Thread-safe.
 */
public final class RbacAuthorizer implements Authorizer, AutoCloseable {
    public static final String NAME = "RBAC";

    private final RbacPolicy policy;
    private final RuleResolver resolver;
    private final GrantSet grants;
    private static final Decision NO_OPINION = Decision.noOpinion();
    private final SessionPool<Worker> workers;
    private final int identityCacheEntries;

    private RbacAuthorizer(RbacPolicy loaded, int identityCacheEntries) {
        this.identityCacheEntries = identityCacheEntries;
        this.policy = new RbacPolicy(loaded.roles(), ClusterRoleAggregator.aggregate(loaded.clusterRoles()),
                loaded.roleBindings(), loaded.clusterRoleBindings());
        this.resolver = new RuleResolver(policy);
        this.grants = GrantSet.of(policy.clusterRoleBindings(), policy.roleBindings(), resolver);
        this.workers = new SessionPool<>(SessionPool.DEFAULT_CAPACITY, this::newWorker, w -> w.session().dispose());
    }

    /** An authorizer over these objects; aggregated ClusterRoles are filled in first. */
    public static RbacAuthorizer of(RbacPolicy objects) {
        return of(objects, IdentityCache.DEFAULT_MAX_ENTRIES);
    }

    /** As {@link #of(RbacPolicy)}, each session keeping at most {@code identityCacheEntries} cache entries (tests use tiny bounds). */
    static RbacAuthorizer of(RbacPolicy objects, int identityCacheEntries) {
        RbacAuthorizer authorizer = new RbacAuthorizer(objects, identityCacheEntries);
        RbacKieBase.get(); // build (once per JVM) now, so a broken classpath fails here, not per request
        return authorizer;
    }

    /** Loads YAML/JSON files and folders; throws {@link dev.palisade.engine.rbac.load.RbacLoadException} listing every problem. */
    public static RbacAuthorizer fromPaths(List<Path> paths) {
        return of(new RbacObjectsLoader().load(paths).policy());
    }

    /** As {@link #fromPaths(List)}, reporting at most {@code maxProblemsPerFile} problems per file. */
    public static RbacAuthorizer fromPaths(List<Path> paths, int maxProblemsPerFile) {
        return of(new RbacObjectsLoader(YamlLimits.RBAC, maxProblemsPerFile).load(paths).policy());
    }

    /** Kubernetes' RuleAllows: does this one rule allow the request? */
    public static boolean ruleAllows(PolicyRule rule, RequestAttributes request) {
        return RuleMatcher.ruleAllows(rule, request);
    }

    /** Decided by what was loaded at build time only. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        Worker worker;
        try {
            worker = workers.borrow();
        } catch (RuntimeException e) {
            return Decision.error("RBAC: cannot start a rule session: " + e);
        }
        if (worker == null) {
            return Decision.error("RBAC authorizer is closed");
        }
        IdentityGroup identities;
        try {
            identities = worker.identities().identities(request.user().name(), request.user().groups(), request.namespace());
        } catch (RuntimeException e) {
            workers.discard(worker); // a half-joined session must not serve the next request
            return Decision.error("RBAC: evaluation failed: " + e);
        }
        // the group is immutable: the session can serve another request while this one reads it
        workers.giveBack(worker);
        RbacGrant grant;
        try {
            grant = identities.firstAllowing(request);
        } catch (RuntimeException e) {
            return Decision.error("RBAC: evaluation failed: " + e);
        }
        return grant == null ? NO_OPINION : grant.allowDecision();
    }

    /**
     * Every binding whose subjects name the request's user, with its closest rule and what that
     * rule did not cover (for {@code palisade explain}). Walks the objects in plain Java: not the
     * decision path, and not cheap.
     */
    public List<BindingTrace> explain(RequestAttributes request) {
        return new BindingExplainer(policy, resolver).explain(request);
    }

    /** Every rule the user holds in the namespace ("" = cluster-wide bindings only), as upstream's RulesFor. */
    public List<PolicyRule> effectiveRules(UserInfo user, String namespace) {
        return resolver.rulesFor(user, namespace == null ? "" : namespace);
    }

    /** The rules of the role a binding refers to (its namespace for a Role), or empty when the role does not exist. */
    public java.util.Optional<List<PolicyRule>> roleRules(dev.palisade.engine.rbac.model.RoleRef ref, String bindingNamespace) {
        return resolver.roleRules(ref, bindingNamespace);
    }

    /** The objects this authorizer decides with, aggregation applied. */
    public RbacPolicy policy() {
        return policy;
    }

    /** How many (binding, subject) grant facts each session holds. */
    public int grantCount() {
        return grants.grants().size();
    }

    /**
     * Disposes the idle sessions now and each in-use one when its request ends; later requests
     * get an error decision.
     */
    @Override
    public void close() {
        workers.close();
    }

    /** Sessions created and not yet disposed (idle plus in use). For tests. */
    int liveSessions() {
        return workers.liveCount();
    }

    private Worker newWorker() {
        KieSession session = RbacKieBase.get().newKieSession();
        try {
            for (RbacGrant g : grants.grants()) {
                session.insert(g);
            }
            return new Worker(session, new IdentityCache(session, grants, identityCacheEntries));
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }

    /** A pooled session (the grants inserted once) and the identity groups it has joined. */
    private record Worker(KieSession session, IdentityCache identities) {}
}
