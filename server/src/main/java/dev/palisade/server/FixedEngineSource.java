package dev.palisade.server;

import dev.palisade.engine.PolicyEngine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine for the server's whole life (generation 1): what tests use, and what serves until a
 * reloading source is wired in. Leases are counted; {@link #close()} refuses new leases and closes
 * the engine once the last lease is released, so a request in flight never sees it closed.
 */
public final class FixedEngineSource implements EngineSource {
    private static final int CLOSED = Integer.MIN_VALUE / 2;

    private final PolicyEngine engine;
    // leases held; CLOSED is added on close, so a negative count means closing
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger engineClosed = new AtomicInteger();

    public FixedEngineSource(PolicyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public EngineLease acquire() {
        if (holds.incrementAndGet() < 0) {
            release();
            throw new IllegalStateException("the engine source is closed");
        }
        return new Lease();
    }

    @Override
    public boolean ready() {
        return holds.get() >= 0;
    }

    @Override
    public long generation() {
        return 1;
    }

    @Override
    public void close() {
        int before;
        do {
            before = holds.get();
            if (before < 0) {
                return;
            }
        } while (!holds.compareAndSet(before, before + CLOSED));
        if (before == 0) {
            closeEngine();
        }
    }

    /** True once the engine itself was closed (for tests). */
    boolean engineClosed() {
        return engineClosed.get() > 0;
    }

    private void release() {
        if (holds.decrementAndGet() == CLOSED) {
            closeEngine();
        }
    }

    private void closeEngine() {
        if (engineClosed.compareAndSet(0, 1)) {
            engine.close();
        }
    }

    private final class Lease implements EngineLease {
        private boolean released;

        @Override
        public PolicyEngine engine() {
            if (released) {
                throw new IllegalStateException("lease already released");
            }
            return engine;
        }

        @Override
        public long generation() {
            return 1;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release();
            }
        }
    }
}
