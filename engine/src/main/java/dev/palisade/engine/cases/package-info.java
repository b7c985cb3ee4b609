/**
 * Policy test files ({@code X.cases.yaml}): reading them with each case's position, running each
 * case against the policies it names, and the outcome of every case — what {@code palisade test}
 * prints and the shipped library's own tests assert.
 */
package dev.palisade.engine.cases;
