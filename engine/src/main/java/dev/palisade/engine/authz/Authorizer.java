package dev.palisade.engine.authz;

import dev.palisade.Api;
import dev.palisade.engine.request.RequestAttributes;

/**
 * One authorizer of a chain. Implementations are thread-safe and must not throw for a bad
 * request: they return {@link Decision#error(String)} instead, which never allows. An authorizer
 * that holds resources (Drools sessions, caches) releases them in {@link #close()}; an engine
 * closes every authorizer it was built with.
 */
@Api(spi = true)
public interface Authorizer extends AutoCloseable {
    /** The name reasons are reported under, e.g. {@code RBAC} or a policy set's name. */
    String name();

    Decision authorize(RequestAttributes request);

    /**
     * True when the answer is a function of the request and of what was loaded when the engine
     * was built, so that a decision may be cached or memoised. False by default: a webhook's
     * answer may change at any time, and an authorizer nobody vouched for may do anything.
     */
    default boolean pure() {
        return false;
    }

    /**
     * What the chain does when this authorizer fails, unless palisade.yaml says otherwise.
     * {@code NoOpinion} by default: an authorizer that only ever allows (RBAC, ABAC) loses
     * nothing by passing; guard rails that deny (DSL policies) override it with {@code Deny}.
     */
    default FailurePolicy defaultFailurePolicy() {
        return FailurePolicy.NO_OPINION;
    }

    /**
     * Releases what this authorizer holds. One that held something answers later requests with an
     * error decision, never an ALLOW. Idempotent; nothing to release by default.
     */
    @Override
    default void close() {
    }
}
