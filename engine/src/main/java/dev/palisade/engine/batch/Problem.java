package dev.palisade.engine.batch;

/** A line (or document, or file) that could not be used, with its place and why. */
public record Problem(Place place, String message) implements Outcome {
    public String render() {
        return place.render() + ": " + message;
    }
}
