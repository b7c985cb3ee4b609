package dev.palisade.dsl.model;

import java.util.function.Function;
import org.drools.model.functions.Function1;

/**
 * What a hashed index reads off a fact (a symbol id, a parent element), named so that Drools
 * shares one index per key between rules. One general class for every key of every stage: a new
 * indexed property is a new instance, not a new class.
 */
public final class Key<T, V> extends NamedExpression implements Function1<T, V> {
    private final Function<T, V> read;

    public Key(String id, Function<T, V> read) {
        super(id);
        this.read = read;
    }

    @Override
    public V apply(T fact) {
        return read.apply(fact);
    }
}
