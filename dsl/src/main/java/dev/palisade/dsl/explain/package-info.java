/**
 * Why a policy set decided as it did for one request: which rules matched and which missed on
 * exactly one condition. Built only when asked (it walks the rules' source conditions in plain
 * Java); the compiled program is not involved and not slowed.
 */
package dev.palisade.dsl.explain;
