package dev.palisade.engine.config;

import dev.palisade.Api;
import dev.palisade.PalisadeException;

import java.util.List;

/** A configuration that cannot be used; each problem names its place ({@code file:line:col}). */
@Api
public final class ConfigException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
