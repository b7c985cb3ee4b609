package dev.palisade.benchmarks;

import dev.palisade.engine.request.RequestAttributes;

/** A peer engine built from the same workload: does it allow this request? */
interface PeerAuthorizer {
    boolean allowed(RequestAttributes request);
}
