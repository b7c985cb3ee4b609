package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;

/**
 * A {@code because} text with {@code {path}} holes filled in per violation:
 * {@code "container {c.name} must not be privileged"}. {@code parts} alternate literal Strings and
 * {@link ObjPath}s; {@code {{} and {@code }}} stand for literal braces.
 */
public record Message(String template, List<Object> parts, Span span) {
    public Message {
        parts = List.copyOf(parts);
    }
}
