package dev.palisade.engine.kubeconfig;

import dev.palisade.PalisadeException;

/** A kubeconfig that cannot give credentials; the message names the file and the entry, never a secret. */
public final class KubeconfigException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    public KubeconfigException(String message) {
        super(message);
    }
}
