package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One thread's {@link SubjectKey} facts, kept in its session between requests so that their
 * joins with the grants are computed once per user (and namespace), not once per request.
 * Keyed by user name and the exact group list: a user seen with other groups gets its keys
 * replaced. Bounded: past {@code maxFacts} keys and entries everything is deleted and the
 * cache starts again empty, which costs the next requests their first-time inserts and
 * changes no decision. Not thread-safe: one per session, as sessions are.
 */
final class IdentityCache {
    static final int DEFAULT_MAX_FACTS = 1 << 16;

    private static final IdentityGroup NONE = new IdentityGroup(0);

    private final KieSession session;
    private final GrantSet grants;
    private final int maxFacts;
    private final HashMap<String, UserIdentities> byUser = new HashMap<>();
    private int facts;

    IdentityCache(KieSession session, GrantSet grants, int maxFacts) {
        this.session = session;
        this.grants = grants;
        this.maxFacts = maxFacts;
    }

    /** The identities of one (user, groups) pair: its bound subject keys and their key groups. */
    static final class UserIdentities {
        private final String user;
        private final List<String> groups;
        private final String[] subjectKeys; // only those some grant names, user first
        private final HashMap<String, IdentityGroup> scopes = new HashMap<>();
        private final List<FactHandle> handles = new ArrayList<>();
        private IdentityGroup cluster = NONE;

        private UserIdentities(String user, List<String> groups, String[] subjectKeys) {
            this.user = user;
            this.groups = groups;
            this.subjectKeys = subjectKeys;
        }

        /** The key group for the ClusterRoleBindings; read it after {@link #scope}, which may rebuild it. */
        IdentityGroup cluster() {
            return cluster;
        }
    }

    /** The cached identities of this user with exactly these groups, inserting their keys on first use. */
    UserIdentities identities(String user, List<String> groups) {
        UserIdentities known = byUser.get(user);
        if (known != null && known.groups.equals(groups)) {
            return known;
        }
        if (known != null) {
            forget(known);
            byUser.remove(user);
        }
        List<String> keys = new ArrayList<>(groups.size() + 1);
        String userKey = SubjectMatcher.userKey(user);
        if (grants.names(userKey)) {
            keys.add(userKey);
        }
        for (String group : groups) {
            String groupKey = SubjectMatcher.groupKey(group);
            // an identity no grant names can match nothing (OIDC users often carry dozens of such groups)
            if (grants.names(groupKey) && !keys.contains(groupKey)) {
                keys.add(groupKey);
            }
        }
        UserIdentities identities = new UserIdentities(user, List.copyOf(groups), keys.toArray(String[]::new));
        makeRoom(keys.size() + 1);
        register(identities);
        return identities;
    }

    /** The key group for the RoleBindings of {@code namespace} (not ""), inserting its keys on first use. */
    IdentityGroup scope(UserIdentities identities, String namespace) {
        IdentityGroup scope = identities.scopes.get(namespace);
        if (scope == null) {
            if (makeRoom(identities.subjectKeys.length + 1)) {
                register(identities); // the entry being served was emptied with the rest
            }
            scope = insert(identities, namespace);
            identities.scopes.put(namespace, scope);
            facts++;
        }
        return scope;
    }

    /** How many keys and entries the cache holds now. */
    int size() {
        return facts;
    }

    private IdentityGroup insert(UserIdentities identities, String namespace) {
        int count = 0;
        for (String key : identities.subjectKeys) {
            if (namespace.isEmpty() ? grants.grantsClusterWide(key) : grants.grantsIn(key, namespace)) {
                count++;
            }
        }
        if (count == 0) {
            return NONE;
        }
        IdentityGroup group = new IdentityGroup(count);
        for (String key : identities.subjectKeys) {
            if (namespace.isEmpty() ? grants.grantsClusterWide(key) : grants.grantsIn(key, namespace)) {
                identities.handles.add(session.insert(new SubjectKey(key, namespace, group)));
                facts++;
            }
        }
        return group;
    }

    private void register(UserIdentities identities) {
        identities.cluster = insert(identities, "");
        byUser.put(identities.user, identities);
        facts++;
    }

    /** Starts again empty when {@code more} facts would pass the bound; true if it did. */
    private boolean makeRoom(int more) {
        if (facts + more <= maxFacts) {
            return false;
        }
        for (UserIdentities identities : byUser.values()) {
            forget(identities);
        }
        byUser.clear();
        facts = 0;
        return true;
    }

    private void forget(UserIdentities identities) {
        for (FactHandle handle : identities.handles) {
            session.delete(handle);
        }
        facts -= identities.handles.size() + 1 + identities.scopes.size();
        identities.handles.clear();
        identities.scopes.clear();
        identities.cluster = NONE;
    }
}
