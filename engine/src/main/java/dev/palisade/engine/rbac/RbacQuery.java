package dev.palisade.engine.rbac;

import dev.palisade.engine.request.RequestAttributes;

/**
 * The request the rules are asked about (not a fact: the identity facts carry it). Rules
 * write the allowing grant onto it ({@link #offer}) rather than inserting decision facts,
 * which measured cheaper; when several grants allow, the one the apiserver would have
 * visited first is kept. Reused by its thread from request to request ({@link #reset}).
 */
public final class RbacQuery {
    private RequestAttributes request;
    private RbacGrant allowedBy;

    RbacQuery() {}

    RbacQuery(RequestAttributes request) {
        reset(request);
    }

    void reset(RequestAttributes request) {
        this.request = request;
        this.allowedBy = null;
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

    RbacGrant allowedBy() {
        return allowedBy;
    }
}
