package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One thread's {@link SubjectKey} facts, kept in its session between requests so that their
 * joins with the grants are computed once per identity set and namespace, not once per request.
 *
 * <p>Two levels. A user name with its exact group list maps to its <em>identity set</em>: the
 * subject keys some grant names (its user key, if bound, and its bound groups). Users with the
 * same identity set — typically users no binding names individually, with the same bound
 * groups — share its keys, so a user seen for the first time usually costs a map entry, not
 * Drools inserts. An identity set has one {@link IdentityGroup} of keys per namespace asked
 * about. Bounded: past {@code maxFacts} keys and entries everything is deleted and the cache
 * starts again empty, which costs the next requests their first-time inserts and changes no
 * decision. Not thread-safe: one per session, as sessions are.
 */
final class IdentityCache {
    static final int DEFAULT_MAX_FACTS = 1 << 16;

    private final KieSession session;
    private final GrantSet grants;
    private final int maxFacts;
    private final HashMap<String, KnownUser> users = new HashMap<>();
    private final HashMap<List<String>, IdentitySet> sets = new HashMap<>();
    private int facts;

    IdentityCache(KieSession session, GrantSet grants, int maxFacts) {
        this.session = session;
        this.grants = grants;
        this.maxFacts = maxFacts;
    }

    /** A user name seen with this group list, and the identity set that gives. */
    private record KnownUser(List<String> groups, IdentitySet identities) {}

    /** Subject keys some grant names (user first), with their key group per namespace asked about. */
    private static final class IdentitySet {
        private final List<String> subjectKeys;
        private final HashMap<String, IdentityGroup> byNamespace = new HashMap<>();

        private IdentitySet(List<String> subjectKeys) {
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
        KnownUser known = users.get(user);
        if (known == null || !known.groups().equals(groups)) {
            if (known == null) {
                makeRoom(1);
                facts++;
            }
            known = new KnownUser(List.copyOf(groups), identitySet(user, groups));
            users.put(user, known);
        }
        IdentitySet set = known.identities();
        IdentityGroup group = set.byNamespace.get(namespace);
        if (group == null) {
            if (makeRoom(2 * set.subjectKeys.size() + 1)) {
                // everything was deleted, this user and set too: start them again
                set = identitySet(user, groups);
                users.put(user, new KnownUser(known.groups(), set));
                facts++;
            }
            group = insert(set, namespace);
            set.byNamespace.put(namespace, group);
            facts++;
        }
        return group;
    }

    /** The shared identity set of these identities, made on first sight. */
    private IdentitySet identitySet(String user, List<String> groups) {
        List<String> keys = subjectKeys(user, groups);
        IdentitySet set = sets.get(keys);
        if (set == null) {
            set = new IdentitySet(keys);
            sets.put(keys, set);
            facts++;
        }
        return set;
    }

    /** The user's and groups' subject keys that some grant names (OIDC users often carry dozens of others). */
    private List<String> subjectKeys(String user, List<String> groups) {
        List<String> keys = new ArrayList<>(groups.size() + 1);
        if (grants.bindsUser(user)) {
            keys.add(SubjectMatcher.userKey(user));
        }
        for (String group : groups) {
            if (grants.bindsGroup(group)) {
                String groupKey = SubjectMatcher.groupKey(group);
                if (!keys.contains(groupKey)) {
                    keys.add(groupKey);
                }
            }
        }
        return List.copyOf(keys);
    }

    /** Inserts a key for each identity with a ClusterRoleBinding grant, and for each with a RoleBinding grant in the namespace. */
    private IdentityGroup insert(IdentitySet set, String namespace) {
        int count = 0;
        for (String key : set.subjectKeys) {
            count += (grants.grantsClusterWide(key) ? 1 : 0) + (grantsIn(key, namespace) ? 1 : 0);
        }
        if (count == 0) {
            return IdentityGroup.NONE;
        }
        FactHandle[] handles = new FactHandle[count];
        IdentityGroup group = new IdentityGroup(handles);
        int i = 0;
        for (String key : set.subjectKeys) {
            if (grants.grantsClusterWide(key)) {
                handles[i++] = session.insert(new SubjectKey(key, "", group));
            }
            if (grantsIn(key, namespace)) {
                handles[i++] = session.insert(new SubjectKey(key, namespace, group));
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
        for (IdentitySet set : sets.values()) {
            for (IdentityGroup group : set.byNamespace.values()) {
                for (FactHandle handle : group.handles()) {
                    session.delete(handle);
                }
            }
        }
        sets.clear();
        users.clear();
        facts = 0;
        return true;
    }

    @Override
    public String toString() {
        return "IdentityCache[" + users.size() + " users, " + sets.size() + " identity sets, " + facts + " facts]";
    }
}
