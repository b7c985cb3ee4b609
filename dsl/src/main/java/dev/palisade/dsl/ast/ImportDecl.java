package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/** {@code import "common/base.pal"}: another policy file, relative to this one, joins the policy set. */
public record ImportDecl(String path, Span span) {}
