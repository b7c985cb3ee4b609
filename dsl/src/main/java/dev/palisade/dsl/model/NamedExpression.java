package dev.palisade.dsl.model;

import org.drools.model.functions.HashedExpression;

/**
 * A constraint or extractor of an executable-model rule, identified by a text of ids and ints
 * only (its DRL rendering). Drools shares equal nodes between rules by this id, so two
 * constraints with the same id must test the same thing.
 */
public abstract class NamedExpression implements HashedExpression {
    private final String id;

    protected NamedExpression(String id) {
        this.id = id;
    }

    @Override
    public String getExpressionHash() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
