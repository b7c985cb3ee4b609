package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/** {@code package cluster.security}: the prefix of every rule id in the file. */
public record PackageDecl(String name, Span span) {}
