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
 * in a scope borrows one and has the rule join the identities with the grants
 * ({@link GrantJoin}); the resulting {@link IdentityGroup} is kept, bounded, in the
 * authorizer's {@link IdentityCache}, shared by all threads. Every later request reads its group
 * (lock-free map lookups, no session) and checks the group's few grants with
 * {@code RuleAllows} in the apiserver's visiting order, stopping at the first that allows.
 * Decisions are shared immutable objects, so a warm decision allocates nothing. Thread-safe.
 */
public final class RbacAuthorizer implements Authorizer, AutoCloseable {
    public static final String NAME = "RBAC";

    private final RbacPolicy policy;
    private final RuleResolver resolver;
    private final GrantSet grants;
    private static final Decision NO_OPINION = Decision.noOpinion();
    private final SessionPool<KieSession> sessions;
    private final IdentityCache identities;

    private RbacAuthorizer(RbacPolicy loaded, int identityCacheEntries) {
        this.policy = new RbacPolicy(loaded.roles(), ClusterRoleAggregator.aggregate(loaded.clusterRoles()),
                loaded.roleBindings(), loaded.clusterRoleBindings());
        this.resolver = new RuleResolver(policy);
        this.grants = GrantSet.of(policy.clusterRoleBindings(), policy.roleBindings(), resolver);
        this.sessions = new SessionPool<>(SessionPool.DEFAULT_CAPACITY, this::newSession, KieSession::dispose);
        this.identities = new IdentityCache(grants, identityCacheEntries, this::join);
    }

    /** An authorizer over these objects; aggregated ClusterRoles are filled in first. */
    public static RbacAuthorizer of(RbacPolicy objects) {
        return of(objects, IdentityCache.DEFAULT_MAX_ENTRIES);
    }

    /** As {@link #of(RbacPolicy)}, its identity cache keeping at most {@code identityCacheEntries} entries (tests use tiny bounds). */
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
        if (sessions.closed()) {
            return Decision.error("RBAC authorizer is closed");
        }
        RbacGrant grant;
        try {
            grant = identities.identities(request.user().name(), request.user().groups(), request.namespace())
                    .firstAllowing(request);
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
     * Disposes the idle sessions now and each in-use one when its join ends, and drops the cached
     * identity groups; later requests get an error decision.
     */
    @Override
    public void close() {
        sessions.close();
        identities.clear();
    }

    /** Sessions created and not yet disposed (idle plus in use). For tests. */
    int liveSessions() {
        return sessions.liveCount();
    }

    /** The grant rule's join for an identity set first seen in a scope, in a pooled session. */
    private IdentityGroup join(List<String> subjectKeys, String namespace) {
        KieSession session = sessions.borrow();
        if (session == null) {
            throw new IllegalStateException("RBAC authorizer is closed");
        }
        try {
            IdentityGroup group = GrantJoin.join(session, grants, subjectKeys, namespace);
            sessions.giveBack(session);
            return group;
        } catch (RuntimeException e) {
            sessions.discard(session); // a half-joined session must not serve another join
            throw e;
        }
    }

    private KieSession newSession() {
        KieSession session = RbacKieBase.get().newKieSession();
        try {
            for (RbacGrant g : grants.grants()) {
                session.insert(g);
            }
            return session;
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }
}
