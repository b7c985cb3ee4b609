package dev.palisade.engine.batch;

/** Where an event came from: file (or {@code <stdin>}) and 1-based line; {@code item} is the EventList index, or -1. */
public record Place(String file, long line, int item) implements java.io.Serializable {
    public String render() {
        return file + ":" + line + (item >= 0 ? " (items[" + item + "])" : "");
    }
}
