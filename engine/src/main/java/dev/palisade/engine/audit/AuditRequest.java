package dev.palisade.engine.audit;

import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One API request as an audit event shows it, turned into what the apiserver authorized:
 * {@code request} for the identity the request acted as, and, when it impersonated someone,
 * the {@code impersonation} checks the apiserver made for the real requester first (verb
 * {@code impersonate} on users / serviceaccounts / groups / userextras / uids).
 */
public record AuditRequest(RequestAttributes request, List<RequestAttributes> impersonation) {
    public AuditRequest {
        impersonation = List.copyOf(impersonation);
    }

    public static AuditRequest of(AuditEvent e) {
        UserInfo acting = e.effectiveUser();
        RequestAttributes request = attributes(e, acting);
        List<RequestAttributes> checks = e.impersonatedUser() == null
                ? List.of() : impersonationChecks(e.user(), e.impersonatedUser());
        return new AuditRequest(request, checks);
    }

    /** Attributes from the request URI as the apiserver derived them; objectRef when the URI says too little. */
    static RequestAttributes attributes(AuditEvent e, UserInfo user) {
        RequestInfo info = RequestInfo.parse(e.requestURI(), e.verb());
        if (info.resourceRequest()) {
            return new RequestAttributes(user, e.verb(), info.namespace(), info.apiGroup(), info.apiVersion(),
                    info.resource(), info.subresource(), info.name(), true, "");
        }
        ObjectRef ref = e.objectRef();
        if (ref != null && !ref.resource().isEmpty()) {
            // the audit backend filled objectRef.name from the new object: authorization never saw it
            String name = "create".equals(e.verb()) && ref.subresource().isEmpty() ? "" : ref.name();
            return new RequestAttributes(user, e.verb(), ref.namespace(), ref.apiGroup(), ref.apiVersion(),
                    ref.resource(), ref.subresource(), name, true, "");
        }
        return RequestAttributes.nonResource(user, e.verb(), info.path());
    }

    /**
     * The checks of the apiserver's impersonation filter. Groups the apiserver adds by itself
     * (system:authenticated; a service account's system:serviceaccounts groups) appear in the
     * logged identity but were not asked for, so they are not checked.
     */
    static List<RequestAttributes> impersonationChecks(UserInfo requester, UserInfo target) {
        List<RequestAttributes> checks = new ArrayList<>();
        String name = target.name();
        String saPrefix = "system:serviceaccount:";
        String saNamespace = null;
        if (name.startsWith(saPrefix) && name.indexOf(':', saPrefix.length()) > 0) {
            int colon = name.indexOf(':', saPrefix.length());
            saNamespace = name.substring(saPrefix.length(), colon);
            checks.add(impersonate(requester, saNamespace, "", "serviceaccounts", "", name.substring(colon + 1)));
        } else {
            checks.add(impersonate(requester, "", "", "users", "", name));
        }
        for (String group : target.groups()) {
            boolean implied = group.equals("system:authenticated")
                    || (saNamespace != null && (group.equals("system:serviceaccounts")
                            || group.equals("system:serviceaccounts:" + saNamespace)));
            if (!implied) {
                checks.add(impersonate(requester, "", "", "groups", "", group));
            }
        }
        for (Map.Entry<String, List<String>> extra : target.extra().entrySet()) {
            for (String value : extra.getValue()) {
                checks.add(impersonate(requester, "", "authentication.k8s.io", "userextras", extra.getKey(), value));
            }
        }
        if (!target.uid().isEmpty()) {
            checks.add(impersonate(requester, "", "authentication.k8s.io", "uids", "", target.uid()));
        }
        return checks;
    }

    private static RequestAttributes impersonate(UserInfo requester, String namespace, String group, String resource,
                                                 String subresource, String name) {
        return RequestAttributes.resource(requester, "impersonate", namespace, group, resource, subresource, name);
    }
}
