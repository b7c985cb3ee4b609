package dev.palisade.engine.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link IdentityGroup}s of an authorizer: the grants of each identity set in each scope
 * asked about, joined by the grant rule once and shared by every thread, so that a request
 * finds its candidate grants with lock-free map lookups and no Drools work.
 *
 * <p>Two levels. A user name with its exact group list maps to its <em>identity set</em>: the
 * subject keys some grant names (its user key, if bound, and its bound groups). Users with the
 * same identity set — typically users no binding names individually, with the same bound
 * groups — share its groups, so a user seen for the first time usually costs a map entry, not
 * a join. An identity set has one IdentityGroup per namespace asked about. Bounded: past
 * {@code maxEntries} (map entries, subject keys and grant references, a rough measure of the
 * memory held) everything is dropped and the cache starts again empty, which costs the next
 * requests their first-time joins and changes no decision. Two threads that miss together
 * both join; the results are equal, and either may stay.
 */
final class IdentityCache {
    static final int DEFAULT_MAX_ENTRIES = 1 << 16;

    /** Joins an identity set's keys with the grants of a scope (a rule session's work). */
    interface Join {
        IdentityGroup grantsOf(List<String> subjectKeys, String namespace);
    }

    private final GrantSet grants;
    private final int maxEntries;
    private final Join join;
    private final ConcurrentHashMap<String, KnownUser> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<String>, IdentitySet> sets = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();

    IdentityCache(GrantSet grants, int maxEntries, Join join) {
        this.grants = grants;
        this.maxEntries = maxEntries;
        this.join = join;
    }

    /** A user name seen with this group list, and the identity set that gives. */
    private record KnownUser(List<String> groups, IdentitySet identities) {}

    /** Subject keys some grant names (user first), with their grants per namespace asked about. */
    private record IdentitySet(List<String> subjectKeys, ConcurrentHashMap<String, IdentityGroup> byNamespace) {}

    /**
     * The grants of this user with exactly these groups for a request in {@code namespace}
     * ("" for cluster-scoped and non-resource requests, which only ClusterRoleBindings can
     * allow), joined on first use. {@link IdentityGroup#NONE} when no grant there names any
     * of the identities. Throws what the join throws.
     */
    IdentityGroup identities(String user, List<String> groups, String namespace) {
        KnownUser known = users.get(user);
        if (known == null || !known.groups().equals(groups)) {
            known = remember(user, groups);
        }
        IdentitySet set = known.identities();
        IdentityGroup group = set.byNamespace().get(namespace);
        if (group == null) {
            group = join.grantsOf(set.subjectKeys(), namespace);
            if (makeRoom(group.size() + 1)) {
                set = remember(user, groups).identities(); // everything was dropped, this user and set too
            }
            if (set.byNamespace().putIfAbsent(namespace, group) == null) {
                entries.addAndGet(group.size() + 1);
            }
        }
        return group;
    }

    /** Records the user with these groups, sharing the identity set of users with the same keys. */
    private KnownUser remember(String user, List<String> groups) {
        List<String> keys = subjectKeys(user, groups);
        makeRoom(keys.size() + 2);
        IdentitySet set = sets.computeIfAbsent(keys, k -> {
            entries.addAndGet(k.size() + 1);
            return new IdentitySet(k, new ConcurrentHashMap<>());
        });
        KnownUser known = new KnownUser(List.copyOf(groups), set);
        if (users.put(user, known) == null) {
            entries.incrementAndGet();
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

    /** Starts again empty when {@code more} entries would pass the bound; true if it did. */
    private boolean makeRoom(int more) {
        if (entries.get() + more <= maxEntries) {
            return false;
        }
        clear();
        return true;
    }

    /** Drops every identity set and group. */
    void clear() {
        sets.clear();
        users.clear();
        entries.set(0);
    }

    @Override
    public String toString() {
        return "IdentityCache[" + users.size() + " users, " + sets.size() + " identity sets, " + entries + " entries]";
    }
}
