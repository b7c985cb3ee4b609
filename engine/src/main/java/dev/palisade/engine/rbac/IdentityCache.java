package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One session's {@link IdentityGroup}s: the grants of each identity set in each scope asked
 * about, joined by the session's rule once and kept, so that a request finds its candidate
 * grants with two map lookups and no Drools work.
 *
 * <p>Two levels. A user name with its exact group list maps to its <em>identity set</em>: the
 * subject keys some grant names (its user key, if bound, and its bound groups). Users with the
 * same identity set — typically users no binding names individually, with the same bound
 * groups — share its groups, so a user seen for the first time usually costs a map entry, not
 * a join. An identity set has one IdentityGroup per namespace asked about. Bounded: past
 * {@code maxEntries} (map entries, subject keys and grant references, a rough measure of the
 * memory held) everything is dropped and the cache starts again empty, which costs the next
 * requests their first-time joins and changes no decision. Not thread-safe: one per session,
 * as sessions are.
 */
final class IdentityCache {
    static final int DEFAULT_MAX_ENTRIES = 1 << 16;

    private final KieSession session;
    private final GrantSet grants;
    private final int maxEntries;
    private final HashMap<String, KnownUser> users = new HashMap<>();
    private final HashMap<List<String>, IdentitySet> sets = new HashMap<>();
    private int entries;

    IdentityCache(KieSession session, GrantSet grants, int maxEntries) {
        this.session = session;
        this.grants = grants;
        this.maxEntries = maxEntries;
    }

    /** A user name seen with this group list, and the identity set that gives. */
    private record KnownUser(List<String> groups, IdentitySet identities) {}

    /** Subject keys some grant names (user first), with their grants per namespace asked about. */
    private static final class IdentitySet {
        private final List<String> subjectKeys;
        private final HashMap<String, IdentityGroup> byNamespace = new HashMap<>();

        private IdentitySet(List<String> subjectKeys) {
            this.subjectKeys = subjectKeys;
        }
    }

    /**
     * The grants of this user with exactly these groups for a request in {@code namespace}
     * ("" for cluster-scoped and non-resource requests, which only ClusterRoleBindings can
     * allow), joined on first use. {@link IdentityGroup#empty()} when no grant there names any
     * of the identities.
     */
    IdentityGroup identities(String user, List<String> groups, String namespace) {
        KnownUser known = users.get(user);
        if (known == null || !known.groups().equals(groups)) {
            known = remember(user, groups);
        }
        IdentityGroup group = known.identities().byNamespace.get(namespace);
        if (group == null) {
            group = join(known.identities().subjectKeys, namespace);
            if (makeRoom(group.size() + 1)) {
                known = remember(user, groups); // everything was dropped, this user and set too
            }
            known.identities().byNamespace.put(namespace, group);
            entries += group.size() + 1;
        }
        return group;
    }

    /** Records the user with these groups, sharing the identity set of users with the same keys. */
    private KnownUser remember(String user, List<String> groups) {
        List<String> keys = subjectKeys(user, groups);
        makeRoom(keys.size() + 2);
        IdentitySet set = sets.get(keys);
        if (set == null) {
            set = new IdentitySet(keys);
            sets.put(keys, set);
            entries += keys.size() + 1;
        }
        KnownUser known = new KnownUser(List.copyOf(groups), set);
        if (users.put(user, known) == null) {
            entries++;
        }
        return known;
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

    /**
     * Runs the grant rule for these identities in this scope: inserts a key for each identity
     * with a ClusterRoleBinding grant and for each with a RoleBinding grant in the namespace,
     * fires, and deletes the keys again, so that the session holds only the grants between joins.
     */
    private IdentityGroup join(List<String> subjectKeys, String namespace) {
        List<RbacGrant> found = new ArrayList<>();
        FactHandle[] handles = new FactHandle[2 * subjectKeys.size()];
        int count = 0;
        try {
            for (String key : subjectKeys) {
                if (grants.grantsClusterWide(key)) {
                    handles[count++] = session.insert(new SubjectKey(key, "", found));
                }
                if (!namespace.isEmpty() && grants.grantsIn(key, namespace)) {
                    handles[count++] = session.insert(new SubjectKey(key, namespace, found));
                }
            }
            if (count == 0) {
                return IdentityGroup.NONE;
            }
            session.fireAllRules();
        } finally {
            for (int i = 0; i < count; i++) {
                session.delete(handles[i]);
            }
        }
        session.fireAllRules(); // propagates the deletes now, not on the next join
        if (found.isEmpty()) {
            return IdentityGroup.NONE;
        }
        found.sort(Comparator.comparingInt(RbacGrant::order));
        return new IdentityGroup(found.toArray(RbacGrant[]::new));
    }

    /** Starts again empty when {@code more} entries would pass the bound; true if it did. */
    private boolean makeRoom(int more) {
        if (entries + more <= maxEntries) {
            return false;
        }
        sets.clear();
        users.clear();
        entries = 0;
        return true;
    }

    @Override
    public String toString() {
        return "IdentityCache[" + users.size() + " users, " + sets.size() + " identity sets, " + entries + " entries]";
    }
}
