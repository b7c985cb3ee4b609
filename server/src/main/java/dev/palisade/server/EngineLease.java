package dev.palisade.server;

import dev.palisade.engine.PolicyEngine;

/** One request's hold on an engine (see {@link EngineSource#acquire()}); closing it releases the hold. */
public interface EngineLease extends AutoCloseable {
    PolicyEngine engine();

    /** The generation of {@link #engine()}. */
    long generation();

    @Override
    void close();
}
