package dev.palisade.cli;

import java.nio.file.Path;

/** A case file {@code palisade test} could not run, and why (already positioned). */
record BadCaseFile(Path file, String message) {}
