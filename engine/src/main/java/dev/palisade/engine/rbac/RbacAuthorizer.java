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
 * first use with the grants inserted once; a request inserts its identity keys (the user and
 * each group, each carrying the request), fires, and deletes exactly those facts again. The
 * thread reuses its fact objects, and decisions are shared immutable objects, so a decision
 * allocates only Drools' own bookkeeping. Thread-safe.
 */
public final class RbacAuthorizer implements Authorizer, AutoCloseable {
    public static final String NAME = "RBAC";

    private final RbacPolicy policy;
    private final RuleResolver resolver;
    private final GrantSet grants;
    private static final Decision NO_OPINION = Decision.noOpinion();
    private final Set<Worker> openWorkers = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Worker> workers = new ThreadLocal<>();
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
        if (closed) {
            return Decision.error("RBAC authorizer is closed");
        }
        String user = request.user().name();
        List<String> groups = request.user().groups();
        // Only identities that some grant names can match: an identity fact no grant joins with
        // costs an insert and a delete and can change nothing (OIDC users often carry dozens of
        // groups RBAC never mentions). When none is left, RBAC has no opinion without a session.
        boolean userBound = grants.bindsUser(user);
        int boundGroups = 0;
        for (int i = 0; i < groups.size(); i++) {
            if (grants.bindsGroup(groups.get(i))) {
                boundGroups++;
            }
        }
        if (!userBound && boundGroups == 0) {
            return NO_OPINION;
        }
        Worker worker;
        try {
            worker = worker();
        } catch (RuntimeException e) {
            return Decision.error("RBAC: cannot start a rule session: " + e);
        }
        KieSession session = worker.session;
        RbacQuery query = worker.query;
        IdentityKey[] keys = worker.keys(boundGroups + 1);
        FactHandle[] handles = worker.handles;
        int inserted = 0;
        boolean broken = false;
        query.reset(request);
        try {
            if (userBound) {
                keys[inserted].set(user, false, query);
                handles[inserted] = session.insert(keys[inserted]);
                inserted++;
            }
            for (int i = 0; i < groups.size(); i++) {
                String group = groups.get(i);
                if (grants.bindsGroup(group)) {
                    keys[inserted].set(group, true, query);
                    handles[inserted] = session.insert(keys[inserted]);
                    inserted++;
                }
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
                handles[i] = null;
                keys[i].clear(); // no reference to the request outlives it
            }
            if (broken) {
                discard(worker); // a half-cleaned session must not serve the next request
            }
        }
        RbacGrant grant = query.allowedBy();
        query.reset(null);
        return grant == null ? NO_OPINION : grant.allowDecision();
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
        for (Worker w : openWorkers) {
            openWorkers.remove(w);
            w.session.dispose();
        }
    }

    private Worker worker() {
        Worker worker = workers.get();
        if (worker == null) {
            KieSession session = RbacKieBase.get().newKieSession();
            for (RbacGrant g : grants.grants()) {
                session.insert(g);
            }
            worker = new Worker(session);
            workers.set(worker);
            openWorkers.add(worker);
        }
        return worker;
    }

    private void discard(Worker worker) {
        workers.remove();
        openWorkers.remove(worker);
        try {
            worker.session.dispose();
        } catch (RuntimeException ignored) {
            // already unusable; nothing more to release
        }
    }

    /**
     * One thread's session (the grants inserted once) and the objects it reuses for every
     * request: the query and the identity facts, so that a decision allocates only what
     * Drools itself does.
     */
    private static final class Worker {
        final KieSession session;
        final RbacQuery query = new RbacQuery();
        IdentityKey[] keys = new IdentityKey[0];
        FactHandle[] handles = new FactHandle[0];

        Worker(KieSession session) {
            this.session = session;
        }

        IdentityKey[] keys(int needed) {
            if (keys.length < needed) {
                int size = Math.max(needed, 8);
                IdentityKey[] grown = java.util.Arrays.copyOf(keys, size);
                for (int i = keys.length; i < size; i++) {
                    grown[i] = new IdentityKey();
                }
                keys = grown;
                handles = new FactHandle[size];
            }
            return keys;
        }
    }
}
