package dev.palisade.engine.rbac;

import dev.palisade.engine.request.RequestAttributes;

/**
 * The request as a fact. Rules write the allowing grant onto it ({@link #offer}) rather than
 * inserting decision facts, which measured cheaper; when several grants allow, the one the
 * apiserver would have visited first is kept.
 */
public final class RbacQuery {
    private final RequestAttributes request;
    private final String combinedResource;
    private RbacGrant allowedBy;

    RbacQuery(RequestAttributes request) {
        this.request = request;
        this.combinedResource = request.resourceRequest() ? RuleMatcher.combinedResource(request) : "";
    }

    public String getNamespace() {
        return request.namespace();
    }

    public void offer(RbacGrant grant) {
        if (allowedBy == null || grant.order() < allowedBy.order()) {
            allowedBy = grant;
        }
    }

    RequestAttributes request() {
        return request;
    }

    String combinedResource() {
        return combinedResource;
    }

    RbacGrant allowedBy() {
        return allowedBy;
    }
}
