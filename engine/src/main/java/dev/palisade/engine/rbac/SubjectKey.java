package dev.palisade.engine.rbac;

/**
 * One identity of a user as a fact: its user key ({@code u:name}) or a group key
 * ({@code g:name}), either for the ClusterRoleBinding grants (namespace "") or for the
 * RoleBinding grants of one namespace, owned by the {@link IdentityGroup} it belongs to. Immutable: a key is inserted once and stays
 * in the session, with its joins to the grants, until its group is evicted.
 */
public final class SubjectKey {
    private final String subjectKey;
    private final String namespace;
    private final IdentityGroup owner;

    SubjectKey(String subjectKey, String namespace, IdentityGroup owner) {
        this.subjectKey = subjectKey;
        this.namespace = namespace;
        this.owner = owner;
    }

    public String getSubjectKey() {
        return subjectKey;
    }

    /** The namespace whose RoleBindings this key joins; "" for ClusterRoleBindings. */
    public String getNamespace() {
        return namespace;
    }

    public IdentityGroup getOwner() {
        return owner;
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subjectKey + (namespace.isEmpty() ? "" : " in " + namespace) + "]";
    }
}
