package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/**
 * {@code allow "name" when <condition> because "message"}.
 * {@code condition} is null when the rule has no {@code when} clause (it always matches);
 * {@code because} is null when absent; its {@code {...}} holes name request attributes.
 */
public record Rule(Effect effect, String name, Span nameSpan, Expr condition, Message because, Span span) {}
