package dev.palisade.dsl.admission;

import dev.palisade.Api;
import java.util.Objects;

/** One RFC 6902 operation: {@code add}, {@code replace} or {@code remove}; {@code value} is null for remove. */
@Api
public record PatchOp(String op, String path, Object value) {
    public PatchOp {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }
}
