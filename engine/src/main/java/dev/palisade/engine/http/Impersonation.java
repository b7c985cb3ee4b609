package dev.palisade.engine.http;

import dev.palisade.engine.authn.SystemIdentities;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Port of the apiserver's impersonation filter. {@code Impersonate-User} (a service-account name
 * becomes a check on {@code serviceaccounts}), each {@code Impersonate-Group}, each value of each
 * {@code Impersonate-Extra-KEY} (KEY lower-cased and percent-decoded) and {@code Impersonate-Uid}
 * is one {@code impersonate} authorization of the requester, in that order; the first that is not
 * allowed refuses the request (403). Groups, extras or uid without a user are a 400. The
 * impersonated user gets {@code system:authenticated} (or {@code system:unauthenticated} for
 * {@code system:anonymous}) unless an all-group is already given; a service account without
 * explicit groups gets its fixed service-account groups.
 */
public final class Impersonation {
    public static final String USER = "Impersonate-User";
    public static final String GROUP = "Impersonate-Group";
    public static final String UID = "Impersonate-Uid";
    public static final String EXTRA_PREFIX = "impersonate-extra-";
    private static final String AUTHN_GROUP = "authentication.k8s.io";

    private Impersonation() {}

    public static ImpersonationResult apply(UserInfo requester, RequestHeaders headers, Authorizer authorizer) {
        String requestedUser = headers.first(USER);
        List<String> groups = headers.all(GROUP);
        String requestedUid = headers.first(UID);
        Map<String, List<String>> extras = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (name.startsWith(EXTRA_PREFIX)) {
                String key = URLDecoder.decode(name.substring(EXTRA_PREFIX.length()).toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
                extras.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.all(name));
            }
        }
        boolean hasUser = !requestedUser.isEmpty();
        if (!hasUser && (!groups.isEmpty() || !extras.isEmpty() || !requestedUid.isEmpty())) {
            return new ImpersonationResult(true, requester, List.of(), 400,
                    "requested impersonation of groups, extras or uid without impersonating a user");
        }
        if (!hasUser) {
            return new ImpersonationResult(false, requester, List.of(), 200, "");
        }
        if (requester.name().isEmpty()) {
            return new ImpersonationResult(true, requester, List.of(), 500, "impersonation needs an authenticated requester");
        }

        List<RequestAttributes> wanted = new ArrayList<>();
        List<String> outGroups = new ArrayList<>();
        String saPrefix = SystemIdentities.SERVICE_ACCOUNT_PREFIX;
        String[] sa = requestedUser.startsWith(saPrefix) ? requestedUser.substring(saPrefix.length()).split(":", -1) : null;
        if (sa != null && sa.length == 2 && !sa[0].isEmpty() && !sa[1].isEmpty()) {
            wanted.add(check(requester, "", "serviceaccounts", "", sa[0], sa[1]));
            if (groups.isEmpty()) {
                outGroups.add(SystemIdentities.SERVICE_ACCOUNTS_GROUP);
                outGroups.add(SystemIdentities.serviceAccountsGroup(sa[0]));
            }
        } else {
            wanted.add(check(requester, "", "users", "", "", requestedUser));
        }
        for (String g : groups) {
            wanted.add(check(requester, "", "groups", "", "", g));
            outGroups.add(g);
        }
        extras.forEach((key, values) -> values.forEach(v -> wanted.add(check(requester, AUTHN_GROUP, "userextras", key, "", v))));
        if (!requestedUid.isEmpty()) {
            wanted.add(check(requester, AUTHN_GROUP, "uids", "", "", requestedUid));
        }

        List<ImpersonationCheck> checks = new ArrayList<>();
        for (RequestAttributes a : wanted) {
            Decision d = authorizer.authorize(a);
            checks.add(new ImpersonationCheck(a, d));
            if (!d.allowed()) {
                return new ImpersonationResult(true, requester, checks, 403, "user \"" + requester.name()
                        + "\" cannot impersonate " + describe(a) + (d.reasonText().isEmpty() ? "" : ": " + d.reasonText()));
            }
        }
        if (requestedUser.equals(SystemIdentities.ANONYMOUS)) {
            if (!outGroups.contains(SystemIdentities.ALL_UNAUTHENTICATED)) {
                outGroups.add(SystemIdentities.ALL_UNAUTHENTICATED);
            }
        } else if (!outGroups.contains(SystemIdentities.ALL_AUTHENTICATED) && !outGroups.contains(SystemIdentities.ALL_UNAUTHENTICATED)) {
            outGroups.add(SystemIdentities.ALL_AUTHENTICATED);
        }
        return new ImpersonationResult(true, new UserInfo(requestedUser, requestedUid, outGroups, extras), checks, 200, "");
    }

    private static RequestAttributes check(UserInfo requester, String group, String resource, String subresource,
                                           String namespace, String name) {
        return new RequestAttributes(requester, "impersonate", namespace, group, "v1", resource, subresource, name, true, "");
    }

    private static String describe(RequestAttributes a) {
        return a.resource() + (a.subresource().isEmpty() ? "" : "/" + a.subresource()) + " \"" + a.name() + "\""
                + (a.namespace().isEmpty() ? "" : " in namespace \"" + a.namespace() + "\"");
    }
}
