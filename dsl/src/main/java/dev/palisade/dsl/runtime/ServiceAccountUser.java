package dev.palisade.dsl.runtime;

import java.util.regex.Pattern;

/**
 * {@code user.serviceAccount.namespace} and {@code .name}: read from a service account's user
 * name {@code system:serviceaccount:NAMESPACE:NAME} as Kubernetes' {@code serviceaccount.SplitUsername}
 * does — exactly two parts, a valid namespace (DNS label) and a valid account name (DNS
 * subdomain). Anything else is not a service account, and both attributes are absent ("").
 */
public final class ServiceAccountUser {
    private static final String PREFIX = "system:serviceaccount:";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ServiceAccountUser() {}

    /** The service account's namespace, or "" when the user is not a service account. */
    public static String namespace(String userName) {
        int split = split(userName);
        return split < 0 ? "" : userName.substring(PREFIX.length(), split);
    }

    /** The service account's name, or "" when the user is not a service account. */
    public static String name(String userName) {
        int split = split(userName);
        return split < 0 ? "" : userName.substring(split + 1);
    }

    /** The index of the ':' between namespace and name, or -1 when this is no service account's name. */
    private static int split(String userName) {
        if (userName == null || !userName.startsWith(PREFIX)) {
            return -1;
        }
        int colon = userName.indexOf(':', PREFIX.length());
        if (colon < 0 || userName.indexOf(':', colon + 1) >= 0) {
            return -1;
        }
        String namespace = userName.substring(PREFIX.length(), colon);
        String name = userName.substring(colon + 1);
        boolean valid = namespace.length() <= 63 && DNS_LABEL.matcher(namespace).matches()
                && name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
        return valid ? colon : -1;
    }
}
