package dev.palisade.engine.batch;

/**
 * A run of consecutive non-blank lines of one log, copied out of the read buffer so that a
 * worker can parse them while the reader goes on. Line {@code i} is
 * {@code data[starts[i] .. ends[i])}, found at {@code lineNumbers[i]} of {@code source}.
 *
 * @param progressBytes raw bytes read from all inputs when this chunk was cut (for the progress bar)
 * @param problems what the reader itself found wrong just before these lines (too long, unreadable), in order
 */
record Chunk(long sequence, String source, byte[] data, int[] starts, int[] ends, long[] lineNumbers, int count,
             long progressBytes, java.util.List<Problem> problems) {
}
