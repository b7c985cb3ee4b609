package dev.palisade.engine.batch;

/**
 * A line (or document, or file) that could not be used, with its place and why. {@code restSkipped}
 * marks a problem after which the rest of that input could not be read (a broken pretty-printed
 * document, an unreadable or truncated file): the run's results are then incomplete.
 */
public record Problem(Place place, String message, boolean restSkipped) implements Outcome, java.io.Serializable {
    public Problem(Place place, String message) {
        this(place, message, false);
    }

    /** {@code file:line: message}, with control characters escaped: audit data never forges a report line. */
    public String render() {
        return dev.palisade.engine.text.Printable.escape(place.render() + ": " + message);
    }
}
