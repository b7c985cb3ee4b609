package dev.palisade.engine.audit;

import dev.palisade.engine.http.Impersonation;
import dev.palisade.engine.http.InvalidRequestException;
import dev.palisade.engine.http.RequestHeaders;
import dev.palisade.engine.http.RequestInfo;
import dev.palisade.engine.http.RequestInfoResolver;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One API request as an audit event shows it, turned into what the apiserver authorized:
 * {@code request} for the identity the request acted as, and, when it impersonated someone, the
 * {@code Impersonate-*} headers the real {@code requester} must have sent, for the same
 * impersonation filter that {@code palisade request} runs ({@link Impersonation}).
 *
 * @param impersonation null when the request did not impersonate anyone
 */
public record AuditRequest(RequestAttributes request, UserInfo requester, RequestHeaders impersonation) {

    public static AuditRequest of(AuditEvent e) {
        RequestAttributes request = attributes(e, e.effectiveUser());
        RequestHeaders headers = e.impersonatedUser() == null ? null : impersonationHeaders(e.impersonatedUser());
        return new AuditRequest(request, e.user(), headers);
    }

    public boolean impersonating() {
        return impersonation != null;
    }

    /**
     * Attributes from the request URI as the apiserver derived them (the same RequestInfoFactory
     * port as raw requests), with the verb the event logged: it is the verb the apiserver
     * resolved, so it wins over what the method and query would suggest. {@code objectRef} is used
     * only when the URI says too little, because the audit layer fills {@code objectRef.name} of a
     * create from the new object, a name authorization never saw.
     */
    static RequestAttributes attributes(AuditEvent e, UserInfo user) {
        RequestInfo info = null;
        try {
            info = RequestInfoResolver.resolve(method(e.verb()), e.requestURI());
        } catch (InvalidRequestException invalid) {
            // the apiserver answered 400 before authorization; judge what objectRef says, if anything
        }
        if (info != null && info.resourceRequest()) {
            return new RequestAttributes(user, e.verb(), info.namespace(), info.apiGroup(), info.apiVersion(),
                    info.resource(), info.subresource(), info.name(), true, "");
        }
        ObjectRef ref = e.objectRef();
        if (ref != null && !ref.resource().isEmpty()) {
            String name = "create".equals(e.verb()) && ref.subresource().isEmpty() ? "" : ref.name();
            return new RequestAttributes(user, e.verb(), ref.namespace(), ref.apiGroup(), ref.apiVersion(),
                    ref.resource(), ref.subresource(), name, true, "");
        }
        int q = e.requestURI().indexOf('?');
        String path = info != null ? info.path() : q < 0 ? e.requestURI() : e.requestURI().substring(0, q);
        return RequestAttributes.nonResource(user, e.verb(), path);
    }

    /**
     * The HTTP method behind a logged verb. Only its class matters to the resolver (a GET without
     * a name becomes list or watch, a DELETE deletecollection); the logged verb is kept anyway.
     * Non-resource verbs are the lower-cased method itself.
     */
    static String method(String verb) {
        return switch (verb) {
            case "create" -> "POST";
            case "update" -> "PUT";
            case "patch" -> "PATCH";
            case "delete", "deletecollection" -> "DELETE";
            case "get", "list", "watch", "proxy" -> "GET";
            default -> verb.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /**
     * The {@code Impersonate-*} headers behind a logged {@code impersonatedUser}. Groups the
     * apiserver adds by itself ({@code system:authenticated}; a service account's
     * {@code system:serviceaccounts} groups) appear in the logged identity but were not asked
     * for, so they are not sent (and not checked). Extra keys are percent-encoded as a client
     * must, so that the filter decodes them back to the logged key.
     */
    static RequestHeaders impersonationHeaders(UserInfo target) {
        RequestHeaders h = new RequestHeaders();
        String name = target.name();
        h.add(Impersonation.USER, name);
        String saPrefix = "system:serviceaccount:";
        String saNamespace = null;
        if (name.startsWith(saPrefix) && name.indexOf(':', saPrefix.length()) > 0) {
            saNamespace = name.substring(saPrefix.length(), name.indexOf(':', saPrefix.length()));
        }
        for (String group : target.groups()) {
            boolean implied = group.equals("system:authenticated")
                    || (saNamespace != null && (group.equals("system:serviceaccounts")
                            || group.equals("system:serviceaccounts:" + saNamespace)));
            if (!implied) {
                h.add(Impersonation.GROUP, group);
            }
        }
        for (Map.Entry<String, List<String>> extra : target.extra().entrySet()) {
            String header = "Impersonate-Extra-" + URLEncoder.encode(extra.getKey(), StandardCharsets.UTF_8);
            extra.getValue().forEach(v -> h.add(header, v));
        }
        if (!target.uid().isEmpty()) {
            h.add(Impersonation.UID, target.uid());
        }
        return h;
    }
}
