package dev.palisade.diff;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import java.util.Objects;

/**
 * A class of requests whose decision changes: those a changed element matches, in one direction.
 *
 * @param direction  DENY→ALLOW (the change grants) or ALLOW→DENY (it revokes)
 * @param side       whether the element is in the new configuration (added or changed) or the old one (removed or changed)
 * @param authorizer the authorizer the element belongs to
 * @param element    the element, as a person reads it
 * @param location   where it is written, or ""
 * @param example    a concrete request of the class, decided by both engines as the direction says
 * @param before     the old configuration's decision on the example
 * @param after      the new configuration's decision on the example
 */
public record DiffClass(Direction direction, Side side, String authorizer, String element, String location,
                        RequestAttributes example, Decision before, Decision after) {
    public DiffClass {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(example, "example");
    }

    public enum Direction { GRANTED, REVOKED }

    public enum Side { NEW, OLD }
}
