package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.UserInfo;
import java.util.List;

/**
 * Whether a binding's subjects apply to a user: a port of {@code appliesTo} in Kubernetes'
 * {@code pkg/registry/rbac/validation/rule.go}. Also defines the subject keys the Drools rules
 * join on, so that the two views cannot drift apart.
 */
final class SubjectMatcher {
    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private SubjectMatcher() {}

    /** Index of the first subject that applies, or -1. {@code namespace} is the RoleBinding's ("" for a ClusterRoleBinding). */
    public static int appliesTo(UserInfo user, List<Subject> subjects, String namespace) {
        for (int i = 0; i < subjects.size(); i++) {
            if (appliesToUser(user, subjects.get(i), namespace)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean appliesToUser(UserInfo user, Subject subject, String namespace) {
        String key = subjectKey(subject, namespace);
        if (key == null) {
            return false;
        }
        if (key.startsWith(GROUP_KEY)) {
            return user.groups().contains(subject.name());
        }
        return key.equals(userKey(user.name()));
    }

    static final String USER_KEY = "u:";
    static final String GROUP_KEY = "g:";

    /**
     * The identity a subject stands for: {@code u:<user name>} or {@code g:<group>}; a service
     * account is the user {@code system:serviceaccount:NS:NAME}, NS defaulting to the binding's
     * namespace. Null when the subject can match nobody (an unknown kind, or a service account
     * with no namespace in a ClusterRoleBinding). User names are exact: {@code *} is no wildcard.
     */
    static String subjectKey(Subject subject, String bindingNamespace) {
        switch (subject.kind()) {
            case Subject.USER:
                return userKey(subject.name());
            case Subject.GROUP:
                return groupKey(subject.name());
            case Subject.SERVICE_ACCOUNT:
                String ns = subject.namespace().isEmpty() ? bindingNamespace : subject.namespace();
                if (ns.isEmpty()) {
                    return null;
                }
                return userKey(SERVICE_ACCOUNT_PREFIX + ns + ":" + subject.name());
            default:
                return null;
        }
    }

    static String userKey(String userName) {
        return USER_KEY + userName;
    }

    static String groupKey(String group) {
        return GROUP_KEY + group;
    }

    /** Upstream's describeSubject: {@code User "alice"}, {@code ServiceAccount "name/ns"}. */
    static String describe(Subject subject, String bindingNamespace) {
        if (Subject.SERVICE_ACCOUNT.equals(subject.kind())) {
            String ns = subject.namespace().isEmpty() ? bindingNamespace : subject.namespace();
            return subject.kind() + " " + GoQuote.quote(subject.name() + "/" + ns);
        }
        return subject.kind() + " " + GoQuote.quote(subject.name());
    }
}
