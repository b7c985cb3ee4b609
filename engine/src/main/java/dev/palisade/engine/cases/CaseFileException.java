package dev.palisade.engine.cases;

import dev.palisade.PalisadeException;

/** A case file that cannot be run: unreadable, not YAML, or a case without what its stage needs. */
public final class CaseFileException extends PalisadeException {
    public CaseFileException(String message) {
        super(message);
    }

    public CaseFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
