package dev.palisade.engine.batch;

/** What a worker made of one line (or EventList item): a judged event, or a problem. */
sealed interface Outcome permits JudgedEvent, Problem {
    Place place();
}
