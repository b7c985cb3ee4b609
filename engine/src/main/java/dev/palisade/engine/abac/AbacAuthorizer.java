package dev.palisade.engine.abac;

import dev.palisade.dsl.runtime.SessionPool;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The apiserver's ABAC authorizer decided by Drools: ALLOW when any policy line matches, else
 * NO_OPINION; never DENY. Policy lines are facts (built once); the rule is the shared fixed
 * KieBase ({@link AbacKieBase}). A request borrows a session holding the lines from a
 * {@link SessionPool}, inserts itself and its subject keys, fires, and deletes exactly those again. Thread-safe.
 */
public final class AbacAuthorizer implements Authorizer, AutoCloseable {
    public static final String NAME = "ABAC";
    private static final List<String> READ_VERBS = List.of("get", "list", "watch");
    private static final List<String> ALL_VERBS = List.of("*");

    private final String name;
    private final List<AbacPolicy> policies;
    private final List<AbacGrant> grants;
    private final List<String> warnings;
    private final SessionPool<KieSession> sessions;

    private AbacAuthorizer(String name, List<AbacPolicy> policies, List<String> warnings) {
        this.name = name;
        this.policies = List.copyOf(policies);
        this.warnings = List.copyOf(warnings);
        List<AbacGrant> g = new ArrayList<>();
        for (int i = 0; i < this.policies.size(); i++) {
            AbacGrant grant = new AbacGrant(this.policies.get(i), i);
            if (grant.getSubjectKey() != null) { // a line without user and group matches nobody
                g.add(grant);
            }
        }
        this.grants = List.copyOf(g);
        this.sessions = new SessionPool<>(SessionPool.DEFAULT_CAPACITY, this::newSession, KieSession::dispose);
    }

    /** An authorizer over policies already in internal form. */
    public static AbacAuthorizer of(List<AbacPolicy> policies) {
        return of(NAME, policies, List.of());
    }

    public static AbacAuthorizer of(String name, List<AbacPolicy> policies, List<String> warnings) {
        AbacAuthorizer authorizer = new AbacAuthorizer(name, policies, warnings);
        AbacKieBase.get(); // build once per JVM now, so a broken classpath fails at load time, not per request
        return authorizer;
    }

    /** Loads a policy file; throws {@link AbacLoadException} naming every bad line. */
    public static AbacAuthorizer fromFile(String name, Path file) {
        AbacPolicyFile loaded = AbacFileLoader.load(file);
        return of(name, loaded.policies(), loaded.warnings());
    }

    /** Decided by what was loaded at build time only. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        KieSession session;
        try {
            session = sessions.borrow();
        } catch (RuntimeException e) {
            return Decision.error(name + ": cannot start a rule session: " + e);
        }
        if (session == null) {
            return Decision.error(name + ": authorizer is closed");
        }
        List<String> groups = request.user().groups();
        FactHandle[] handles = new FactHandle[groups.size() + 3];
        int inserted = 0;
        boolean broken = false;
        AbacQuery query = new AbacQuery(request);
        try {
            handles[inserted++] = session.insert(query);
            handles[inserted++] = session.insert(new AbacKey(AbacKey.ANY));
            handles[inserted++] = session.insert(new AbacKey(AbacKey.user(request.user().name())));
            for (String group : groups) {
                handles[inserted++] = session.insert(new AbacKey(AbacKey.group(group)));
            }
            session.fireAllRules();
        } catch (RuntimeException e) {
            broken = true;
            return Decision.error(name + ": evaluation failed: " + e);
        } finally {
            for (int i = 0; i < inserted; i++) {
                try {
                    session.delete(handles[i]);
                } catch (RuntimeException e) {
                    broken = true;
                }
            }
            if (broken) {
                sessions.discard(session); // a half-cleaned session must not serve the next request
            } else {
                sessions.giveBack(session);
            }
        }
        AbacGrant grant = query.allowedBy();
        return grant == null ? Decision.noOpinion() : Decision.allow(grant.reason());
    }

    /** Upstream's RulesFor: what the user may do in the namespace, line by line in file order. */
    public AbacRules rulesFor(UserInfo user, String namespace) {
        List<AbacRuleInfo> resourceRules = new ArrayList<>();
        List<AbacRuleInfo> nonResourceRules = new ArrayList<>();
        for (AbacPolicy p : policies) {
            if (!AbacMatcher.subjectMatches(p, user) || !(p.namespace().equals("*") || p.namespace().equals(namespace))) {
                continue;
            }
            List<String> verbs = p.readonly() ? READ_VERBS : ALL_VERBS;
            if (!p.resource().isEmpty()) {
                resourceRules.add(new AbacRuleInfo(verbs, List.of(p.apiGroup()), List.of(p.resource()), List.of()));
            }
            if (!p.nonResourcePath().isEmpty()) {
                nonResourceRules.add(new AbacRuleInfo(verbs, List.of(), List.of(), List.of(p.nonResourcePath())));
            }
        }
        return new AbacRules(resourceRules, nonResourceRules);
    }

    /** The policy lines in file order, internal form. */
    public List<AbacPolicy> policies() {
        return policies;
    }

    /** Notes about lines read the way the apiserver reads them (see {@link AbacPolicyParser}). */
    public List<String> warnings() {
        return warnings;
    }

    /** Disposes idle sessions now, in-use ones when their request ends; later requests get an error decision. */
    @Override
    public void close() {
        sessions.close();
    }

    /** Sessions created and not yet disposed (idle plus in use). For tests. */
    int liveSessions() {
        return sessions.liveCount();
    }

    private KieSession newSession() {
        KieSession session = AbacKieBase.get().newKieSession();
        try {
            for (AbacGrant g : grants) {
                session.insert(g);
            }
            return session;
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }
}
