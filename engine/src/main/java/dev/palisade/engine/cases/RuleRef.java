package dev.palisade.engine.cases;

/** A rule of the policies under test: its id and where it is defined ({@code file:line:col}). */
public record RuleRef(String id, String location) {}
