package dev.palisade.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Turns the replay's push-style reader (it hands outcomes on as it reads) into the iterator a
 * Spark task returns, through a small bounded queue: a split is never held in memory whole.
 */
final class Pump<T> implements Iterator<T> {
    interface Producer<T> {
        void run(Consumer<T> out) throws Exception;
    }

    private static final int BATCH = 512;
    private final BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(8);
    private final List<T> end = new ArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;
    private Iterator<T> current = java.util.Collections.emptyIterator();
    private boolean finished;
    private Runnable atEnd = () -> { };

    /**
     * A pump for the running Spark task (if any): stopped when the task ends, whether or not
     * its output was read to the end.
     */
    static <T> Pump<T> forTask(String name, Producer<T> producer) {
        Pump<T> pump = new Pump<>(name, producer);
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> pump.cancel());
        }
        return pump;
    }

    Pump(String name, Producer<T> producer) {
        thread = new Thread(() -> {
            List<List<T>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            try {
                producer.run(item -> {
                    batch.get(0).add(item);
                    if (batch.get(0).size() >= BATCH) {
                        put(batch.get(0));
                        batch.set(0, new ArrayList<>(BATCH));
                    }
                });
                put(batch.get(0));
            } catch (Throwable t) {
                failure = t;
            } finally {
                try {
                    queue.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void put(List<T> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Runs {@code action} on the consumer's thread once the producer has handed on everything
     * and finished without failing (what it left for after its output can be read then).
     */
    Pump<T> atEnd(Runnable action) {
        this.atEnd = action;
        return this;
    }

    /** Stops the producer (the task ended early or failed). */
    void cancel() {
        thread.interrupt();
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (finished) {
                return false;
            }
            List<T> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (next == end) {
                finished = true;
                if (failure != null) {
                    throw new IllegalStateException("reading the split failed: " + failure, failure);
                }
                atEnd.run();
                return false;
            }
            current = next.iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
