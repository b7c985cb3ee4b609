package dev.palisade.engine.suggest;

import dev.palisade.engine.batch.JudgedRequest;

/** One distinct thing a subject did: the authorization attributes that matter to an RBAC rule. */
public record Access(String verb, String apiGroup, String resource, String subresource, String namespace, String name,
                     String path) {

    public static Access of(JudgedRequest r) {
        return new Access(r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name(), r.path());
    }

    public boolean resourceRequest() {
        return path.isEmpty();
    }

    /** RBAC's spelling of the resource: {@code pods} or {@code pods/log}. */
    public String rbacResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
