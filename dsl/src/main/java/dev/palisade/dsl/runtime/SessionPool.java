package dev.palisade.dsl.runtime;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rule sessions (or anything holding one) borrowed for one request and returned after it.
 *
 * <p>Why not a session per thread: a ThreadLocal entry outlives the owner's close (it keeps the
 * session and its KieBase reachable until the thread expunges it), a thread that dies never
 * disposes its session, and close() cannot tell which sessions are in use. Here the pool owns
 * the sessions: at most {@code capacity} are kept idle; a borrow beyond them creates a transient
 * one that is disposed on return; {@link #close()} disposes the idle ones at once and each
 * borrowed one when it is returned, so no session is disposed under a running request.
 * Borrow and return allocate nothing (a bounded array queue).
 */
public final class SessionPool<T> implements AutoCloseable {
    /** The default number of idle sessions kept: enough for every core twice over, plus a margin. */
    public static final int DEFAULT_CAPACITY = 2 * Runtime.getRuntime().availableProcessors() + 4;

    private final ArrayBlockingQueue<T> idle;
    private final Supplier<T> factory;
    private final Consumer<T> disposer;
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean closed;

    public SessionPool(int capacity, Supplier<T> factory, Consumer<T> disposer) {
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.factory = Objects.requireNonNull(factory, "factory");
        this.disposer = Objects.requireNonNull(disposer, "disposer");
    }

    /** An idle session or a new one; null once closed. Exceptions of the factory propagate. */
    public T borrow() {
        if (closed) {
            return null;
        }
        T session = idle.poll();
        if (session != null) {
            return session;
        }
        session = factory.get();
        live.incrementAndGet();
        if (closed) { // closed while creating: nobody else will dispose it
            dispose(session);
            return null;
        }
        return session;
    }

    /** Hands a session back after its request; disposed if the pool is closed or full. */
    public void giveBack(T session) {
        if (closed || !idle.offer(session)) {
            dispose(session);
            return;
        }
        if (closed) { // close() may have drained before our offer landed
            drain();
        }
    }

    /** Disposes a session that must not serve another request (e.g. left half-cleaned by an error). */
    public void discard(T session) {
        dispose(session);
    }

    /** Sessions created and not yet disposed: idle plus in use. */
    public int liveCount() {
        return live.get();
    }

    public boolean closed() {
        return closed;
    }

    /** Disposes the idle sessions now; those in use are disposed when they are given back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        T session;
        while ((session = idle.poll()) != null) {
            dispose(session);
        }
    }

    private void dispose(T session) {
        live.decrementAndGet();
        try {
            disposer.accept(session);
        } catch (RuntimeException ignored) {
            // already unusable; nothing more to release
        }
    }
}
