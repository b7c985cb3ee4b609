package dev.palisade.engine.rbac;

import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Kubernetes RBAC decided by Drools: only ever ALLOW or NO_OPINION.
 *
 * <p>Grants are facts of this authorizer (immutable, built once); the rules are the shared
 * fixed KieBase ({@link RbacKieBase}). Each thread gets its own stateful session, created on
 * first use with the grants inserted once; a request inserts itself and its identity keys,
 * fires, and deletes exactly those facts again. Thread-safe.
 */
public final class RbacAuthorizer implements Authorizer, AutoCloseable {
    public static final String NAME = "RBAC";

    private final RbacPolicy policy;
    private final RuleResolver resolver;
    private final GrantSet grants;
    private final Set<KieSession> openSessions = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<KieSession> sessions = new ThreadLocal<>();
    private volatile boolean closed;

    private RbacAuthorizer(RbacPolicy loaded) {
        this.policy = new RbacPolicy(loaded.roles(), ClusterRoleAggregator.aggregate(loaded.clusterRoles()),
                loaded.roleBindings(), loaded.clusterRoleBindings());
        this.resolver = new RuleResolver(policy);
        this.grants = GrantSet.of(policy.clusterRoleBindings(), policy.roleBindings(), resolver);
    }

    /** An authorizer over these objects; aggregated ClusterRoles are filled in first. */
    public static RbacAuthorizer of(RbacPolicy objects) {
        RbacAuthorizer authorizer = new RbacAuthorizer(objects);
        RbacKieBase.get(); // build (once per JVM) now, so a broken classpath fails here, not per request
        return authorizer;
    }

    /** Loads YAML/JSON files and folders; throws {@link dev.palisade.engine.rbac.load.RbacLoadException} listing every problem. */
    public static RbacAuthorizer fromPaths(List<Path> paths) {
        return of(new RbacObjectsLoader().load(paths).policy());
    }

    /** Kubernetes' RuleAllows: does this one rule allow the request? */
    public static boolean ruleAllows(PolicyRule rule, RequestAttributes request) {
        return RuleMatcher.ruleAllows(rule, request);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        if (closed) {
            return Decision.error("RBAC authorizer is closed");
        }
        KieSession session;
        try {
            session = session();
        } catch (RuntimeException e) {
            return Decision.error("RBAC: cannot start a rule session: " + e);
        }
        List<String> groups = request.user().groups();
        FactHandle[] handles = new FactHandle[groups.size() + 2];
        int inserted = 0;
        boolean broken = false;
        RbacQuery query = new RbacQuery(request);
        try {
            handles[inserted++] = session.insert(query);
            handles[inserted++] = session.insert(new IdentityKey(SubjectMatcher.userKey(request.user().name())));
            for (int i = 0; i < groups.size(); i++) {
                handles[inserted++] = session.insert(new IdentityKey(SubjectMatcher.groupKey(groups.get(i))));
            }
            session.fireAllRules();
        } catch (RuntimeException e) {
            broken = true;
            return Decision.error("RBAC: evaluation failed: " + e);
        } finally {
            for (int i = 0; i < inserted; i++) {
                try {
                    session.delete(handles[i]);
                } catch (RuntimeException e) {
                    broken = true;
                }
            }
            if (broken) {
                discard(session); // a half-cleaned session must not serve the next request
            }
        }
        RbacGrant grant = query.allowedBy();
        return grant == null ? Decision.noOpinion() : Decision.allow(grant.reason());
    }

    /** Every rule the user holds in the namespace ("" = cluster-wide bindings only), as upstream's RulesFor. */
    public List<PolicyRule> effectiveRules(UserInfo user, String namespace) {
        return resolver.rulesFor(user, namespace == null ? "" : namespace);
    }

    /** The objects this authorizer decides with, aggregation applied. */
    public RbacPolicy policy() {
        return policy;
    }

    /** How many (binding, subject) grant facts each session holds. */
    public int grantCount() {
        return grants.grants().size();
    }

    /** Disposes every session this authorizer created; later requests get an error decision. */
    @Override
    public void close() {
        closed = true;
        for (KieSession s : openSessions) {
            openSessions.remove(s);
            s.dispose();
        }
    }

    private KieSession session() {
        KieSession session = sessions.get();
        if (session == null) {
            session = RbacKieBase.get().newKieSession();
            for (RbacGrant g : grants.grants()) {
                session.insert(g);
            }
            sessions.set(session);
            openSessions.add(session);
        }
        return session;
    }

    private void discard(KieSession session) {
        sessions.remove();
        openSessions.remove(session);
        try {
            session.dispose();
        } catch (RuntimeException ignored) {
            // already unusable; nothing more to release
        }
    }
}
