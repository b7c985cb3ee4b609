package dev.palisade.dsl.model;

import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * What every rule does when it fires: record its rule index on a fact of the rule, so the
 * program looks the rule up in its side table (effect, message, edits) after the session ran.
 * Nothing else ever runs in a consequence.
 */
public sealed interface Consequence {

    /** The rule index recorded (rule K of the side table). */
    int rule();

    /** The consequence's DRL text (ints and fact names only). */
    String drl();

    /** Records {@code rule} on the fact {@code on}. */
    record Record<A>(FactVar<A> on, int rule, ObjIntConsumer<A> record, String drl) implements Consequence {
        public Record {
            Objects.requireNonNull(on.name(), "the recording fact needs a name");
        }
    }

    /** Records {@code rule} on the fact {@code on} together with the fact {@code with}. */
    record RecordWith<A, B>(FactVar<A> on, FactVar<B> with, int rule, Recorder<A, B> record, String drl)
            implements Consequence {
        public RecordWith {
            Objects.requireNonNull(on.name(), "the recording fact needs a name");
            Objects.requireNonNull(with.name(), "the recorded fact needs a name");
        }
    }

    @FunctionalInterface
    interface Recorder<A, B> {
        void record(A on, B with, int rule);
    }
}
