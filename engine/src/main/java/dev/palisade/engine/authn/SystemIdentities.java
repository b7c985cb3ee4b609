package dev.palisade.engine.authn;

/** The fixed user and group names the apiserver's authentication stage uses. */
public final class SystemIdentities {
    public static final String ALL_AUTHENTICATED = "system:authenticated";
    public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";
    public static final String ANONYMOUS = "system:anonymous";
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    public static final String SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";
    public static final String POD_NAME_EXTRA = "authentication.kubernetes.io/pod-name";
    public static final String POD_UID_EXTRA = "authentication.kubernetes.io/pod-uid";
    public static final String NODE_NAME_EXTRA = "authentication.kubernetes.io/node-name";
    public static final String NODE_UID_EXTRA = "authentication.kubernetes.io/node-uid";
    public static final String CREDENTIAL_ID_EXTRA = "authentication.kubernetes.io/credential-id";

    private SystemIdentities() {}

    public static String serviceAccountUser(String namespace, String name) {
        return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
    }

    public static String serviceAccountsGroup(String namespace) {
        return SERVICE_ACCOUNTS_GROUP + ":" + namespace;
    }
}
