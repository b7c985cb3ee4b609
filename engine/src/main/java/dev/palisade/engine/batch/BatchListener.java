package dev.palisade.engine.batch;

/** Sees the run as it goes, on the pipeline's ordered (last) stage: in input order, one thread. */
public interface BatchListener {
    BatchListener NONE = new BatchListener() { };

    /** Each judged request, in input order ({@code --events} writes these). */
    default void request(JudgedRequest request) { }

    /** Each line or document that could not be read as events, in input order. */
    default void problem(Problem problem) { }

    /** After each chunk: raw (on-disk) bytes read so far and events seen so far (-1: not known). */
    default void progress(long rawBytes, long events) { }

    /** Tells each of {@code listeners}, in order. */
    static BatchListener all(java.util.List<BatchListener> listeners) {
        java.util.List<BatchListener> copy = java.util.List.copyOf(listeners);
        return new BatchListener() {
            @Override public void request(JudgedRequest r) { copy.forEach(l -> l.request(r)); }
            @Override public void problem(Problem p) { copy.forEach(l -> l.problem(p)); }
            @Override public void progress(long bytes, long events) { copy.forEach(l -> l.progress(bytes, events)); }
        };
    }
}
