package dev.palisade.dsl.ast;

/** What a matching authorization rule says. */
public enum Effect { ALLOW, DENY }
