package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/**
 * {@code reject "name" when <condition> because "message with {user.name}"}: judges the result of
 * authentication. A match turns a successful authentication into a failure (401).
 *
 * @param condition null when the rule has no {@code when}: it rejects every authenticated user
 * @param because   the message template, holes naming authn attributes; null when absent
 */
public record AuthnRule(String name, Span nameSpan, Expr condition, Message because, Span span) {}
