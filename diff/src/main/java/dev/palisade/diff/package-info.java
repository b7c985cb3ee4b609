/**
 * {@code palisade diff}: the exact difference in authorization between two configurations,
 * decided by Z3 over an encoding of every authorizer's semantics. See docs/diff.md.
 */
package dev.palisade.diff;
