package dev.palisade.server;

/**
 * Where handlers get the engine to decide a request with. A request holds one lease from start to
 * end, so that a reload that swaps the engine meanwhile never closes the engine under it.
 */
public interface EngineSource extends AutoCloseable {
    /**
     * The current engine, held until the lease is closed.
     *
     * @throws IllegalStateException when no engine was built yet (not ready)
     */
    EngineLease acquire();

    /** True once the first engine was built (what {@code /readyz} reports). */
    boolean ready();

    /** The generation of the current engine: 1 for the first, +1 per successful reload; 0 before. */
    long generation();

    @Override
    void close();
}
