package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One thread's {@link SubjectKey} facts, kept in its session between requests so that their
 * joins with the grants are computed once per user and namespace, not once per request.
 * Keyed by user name, the exact group list and the namespace: a user seen with other groups
 * gets its keys replaced. Bounded: past {@code maxFacts} keys and entries everything is
 * deleted and the cache starts again empty, which costs the next requests their first-time
 * inserts and changes no decision. Not thread-safe: one per session, as sessions are.
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

    /** A user with one group list: the subject keys some grant names, and a key group per namespace asked about. */
    private static final class UserIdentities {
        private final List<String> groups;
        private final String[] subjectKeys; // user first
        private final HashMap<String, IdentityGroup> byNamespace = new HashMap<>();
        private final List<FactHandle> handles = new ArrayList<>();

        private UserIdentities(List<String> groups, String[] subjectKeys) {
            this.groups = groups;
            this.subjectKeys = subjectKeys;
        }
    }

    /**
     * The key group of this user with exactly these groups for a request in {@code namespace}
     * ("" for cluster-scoped and non-resource requests, which only ClusterRoleBindings can
     * allow), inserting its keys on first use. {@link IdentityGroup#empty()} when no grant
     * there names any of the identities.
     */
    IdentityGroup identities(String user, List<String> groups, String namespace) {
        UserIdentities known = byUser.get(user);
        if (known != null && known.groups.equals(groups)) {
            IdentityGroup group = known.byNamespace.get(namespace);
            if (group != null) {
                return group;
            }
        } else if (known != null) {
            forget(known);
            byUser.remove(user);
            known = null;
        }
        if (known == null) {
            makeRoom(1);
            known = remember(user, List.copyOf(groups), subjectKeys(user, groups));
        }
        if (makeRoom(2 * known.subjectKeys.length + 1)) {
            known = remember(user, known.groups, known.subjectKeys); // it was deleted with the rest
        }
        IdentityGroup group = insert(known, namespace);
        known.byNamespace.put(namespace, group);
        facts++;
        return group;
    }

    private UserIdentities remember(String user, List<String> groups, String[] subjectKeys) {
        UserIdentities identities = new UserIdentities(groups, subjectKeys);
        byUser.put(user, identities);
        facts++;
        return identities;
    }

    /** The user's and groups' subject keys that some grant names (OIDC users often carry dozens of others). */
    private String[] subjectKeys(String user, List<String> groups) {
        List<String> keys = new ArrayList<>(groups.size() + 1);
        String userKey = SubjectMatcher.userKey(user);
        if (grants.names(userKey)) {
            keys.add(userKey);
        }
        for (String group : groups) {
            String groupKey = SubjectMatcher.groupKey(group);
            if (grants.names(groupKey) && !keys.contains(groupKey)) {
                keys.add(groupKey);
            }
        }
        return keys.toArray(String[]::new);
    }

    /** Inserts a key for each identity with a ClusterRoleBinding grant, and for each with a RoleBinding grant in the namespace. */
    private IdentityGroup insert(UserIdentities identities, String namespace) {
        int count = 0;
        for (String key : identities.subjectKeys) {
            count += (grants.grantsClusterWide(key) ? 1 : 0) + (grantsIn(key, namespace) ? 1 : 0);
        }
        if (count == 0) {
            return NONE;
        }
        IdentityGroup group = new IdentityGroup(count);
        for (String key : identities.subjectKeys) {
            if (grants.grantsClusterWide(key)) {
                identities.handles.add(session.insert(new SubjectKey(key, "", group)));
            }
            if (grantsIn(key, namespace)) {
                identities.handles.add(session.insert(new SubjectKey(key, namespace, group)));
            }
        }
        facts += count;
        return group;
    }

    private boolean grantsIn(String key, String namespace) {
        return !namespace.isEmpty() && grants.grantsIn(key, namespace);
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
        facts -= identities.handles.size() + 1 + identities.byNamespace.size();
        identities.handles.clear();
        identities.byNamespace.clear();
    }
}
