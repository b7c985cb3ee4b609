package dev.palisade.engine.rbac;

import java.util.List;

/**
 * One identity of a user as a fact: its user key ({@code u:name}) or a group key
 * ({@code g:name}), either for the ClusterRoleBinding grants (namespace "") or for the
 * RoleBinding grants of one namespace. Inserted only while its {@link IdentityGroup} is built:
 * the rule hands every grant it joins to {@link #found}, and the key is deleted again.
 */
public final class SubjectKey {
    private final String subjectKey;
    private final String namespace;
    private final List<RbacGrant> found;

    SubjectKey(String subjectKey, String namespace, List<RbacGrant> found) {
        this.subjectKey = subjectKey;
        this.namespace = namespace;
        this.found = found;
    }

    public String getSubjectKey() {
        return subjectKey;
    }

    /** The namespace whose RoleBindings this key joins; "" for ClusterRoleBindings. */
    public String getNamespace() {
        return namespace;
    }

    /** Called by the rule for each grant of this identity in this scope. */
    public void found(RbacGrant grant) {
        found.add(grant);
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subjectKey + (namespace.isEmpty() ? "" : " in " + namespace) + "]";
    }
}
