package dev.palisade.dsl.model;

import java.util.function.ToIntFunction;

/**
 * An int property of a fact class (a symbol id, a stage, a source id) that rules compare with
 * constants: its DRL name, how to read it, and the key of its hashed alpha index.
 *
 * @param property its name in DRL ({@code verb}, {@code stage})
 * @param indexId  the alpha index id, distinct among the int properties of one fact class
 */
public record IntProperty<T>(String property, int indexId, ToIntFunction<T> read, Key<T, Integer> key) {

    /** @param keyId the id of the index key ({@code RequestFact.VERB}) */
    public static <T> IntProperty<T> of(String property, String keyId, int indexId, ToIntFunction<T> read) {
        // boxed from the shared cache: a request should not allocate an Integer per hashed lookup
        return new IntProperty<>(property, indexId, read, new Key<>(keyId, f -> BoxedIds.box(read.applyAsInt(f))));
    }
}
