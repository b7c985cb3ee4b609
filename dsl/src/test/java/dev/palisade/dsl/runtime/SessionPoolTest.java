package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionPoolTest {
    /** A stand-in session that records whether it was disposed. */
    static final class FakeSession {
        boolean disposed;
    }

    private final AtomicInteger created = new AtomicInteger();
    private final List<FakeSession> disposed = new ArrayList<>();

    private SessionPool<FakeSession> pool(int capacity) {
        return new SessionPool<>(capacity, () -> {
            created.incrementAndGet();
            return new FakeSession();
        }, s -> {
            s.disposed = true;
            synchronized (disposed) {
                disposed.add(s);
            }
        });
    }

    @Test
    void aReturnedSessionIsReused() {
        SessionPool<FakeSession> pool = pool(2);
        FakeSession first = pool.borrow();
        pool.giveBack(first);
        assertSame(first, pool.borrow());
        assertEquals(1, created.get());
        assertEquals(1, pool.liveCount());
    }

    @Test
    void beyondCapacity_sessionsAreTransientAndDisposedOnReturn() {
        SessionPool<FakeSession> pool = pool(2);
        List<FakeSession> borrowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            borrowed.add(pool.borrow());
        }
        assertEquals(5, pool.liveCount());
        borrowed.forEach(pool::giveBack);
        assertEquals(2, pool.liveCount(), "only the capacity stays idle");
        assertEquals(3, disposed.size());
    }

    @Test
    void closeWhileInUse_disposesTheSessionWhenItIsReturnedNotBefore() {
        SessionPool<FakeSession> pool = pool(4);
        FakeSession idle = pool.borrow();
        FakeSession inUse = pool.borrow();
        pool.giveBack(idle);
        pool.close();
        assertTrue(idle.disposed, "idle sessions are disposed at close");
        assertFalse(inUse.disposed, "a session serving a request is not disposed under it");
        assertEquals(1, pool.liveCount());
        pool.giveBack(inUse);
        assertTrue(inUse.disposed);
        assertEquals(0, pool.liveCount());
        assertNull(pool.borrow(), "a closed pool lends nothing");
    }

    @Test
    void discard_disposesAndNeverLendsTheSessionAgain() {
        SessionPool<FakeSession> pool = pool(2);
        FakeSession broken = pool.borrow();
        pool.discard(broken);
        assertTrue(broken.disposed);
        assertEquals(0, pool.liveCount());
        assertNotSame(broken, pool.borrow());
    }

    @Test
    void concurrentReturnAndClose_leaveNothingUndisposed() throws Exception {
        for (int round = 0; round < 200; round++) {
            SessionPool<FakeSession> pool = pool(8);
            AtomicInteger disposedLent = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        FakeSession s = pool.borrow();
                        if (s == null) {
                            return;
                        }
                        if (s.disposed) {
                            disposedLent.incrementAndGet();
                        }
                        pool.giveBack(s);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            pool.close();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, pool.liveCount(), "round " + round);
            assertEquals(0, disposedLent.get(), "a lent session is never a disposed one, round " + round);
        }
    }
}
