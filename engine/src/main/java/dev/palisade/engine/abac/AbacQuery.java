package dev.palisade.engine.abac;

import dev.palisade.engine.request.RequestAttributes;

/** The request as a fact; the rule offers each matching line, and the first in file order is kept. */
public final class AbacQuery {
    private final RequestAttributes request;
    private AbacGrant allowedBy;

    AbacQuery(RequestAttributes request) {
        this.request = request;
    }

    public void offer(AbacGrant grant) {
        if (allowedBy == null || grant.order() < allowedBy.order()) {
            allowedBy = grant;
        }
    }

    RequestAttributes request() {
        return request;
    }

    AbacGrant allowedBy() {
        return allowedBy;
    }
}
