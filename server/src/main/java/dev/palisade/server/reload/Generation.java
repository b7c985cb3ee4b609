package dev.palisade.server.reload;

import dev.palisade.engine.PolicyEngine;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One built engine and the holds on it: one for being the source's current engine, one per open
 * lease. The last release retires it (the engine is then closed by {@code onRetired}); once
 * retired it can never be held again, so a request that loses the race with a swap simply takes
 * the next current generation.
 */
final class Generation {
    final PolicyEngine engine;
    final long number;
    private final AtomicInteger holds = new AtomicInteger(1);
    private final Consumer<Generation> onRetired;
    private volatile boolean closed;

    Generation(PolicyEngine engine, long number, Consumer<Generation> onRetired) {
        this.engine = engine;
        this.number = number;
        this.onRetired = onRetired;
    }

    /** Takes a hold unless the generation has already been retired. */
    boolean tryHold() {
        for (int h = holds.get(); h > 0; h = holds.get()) {
            if (holds.compareAndSet(h, h + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        int left = holds.decrementAndGet();
        if (left == 0) {
            onRetired.accept(this);
        } else if (left < 0) {
            throw new IllegalStateException("generation " + number + " released more often than held");
        }
    }

    int holds() {
        return holds.get();
    }

    void markClosed() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
