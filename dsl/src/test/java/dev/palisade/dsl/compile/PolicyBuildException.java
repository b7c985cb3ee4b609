package dev.palisade.dsl.compile;

import dev.palisade.PalisadeException;

import java.util.List;

/**
 * Drools rejected the generated DRL. That is a compiler bug, not a policy error (checked
 * policies always compile), so the message carries Drools' own messages for the bug report.
 */
public final class PolicyBuildException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final List<String> droolsMessages;

    public PolicyBuildException(List<String> droolsMessages) {
        super("generated DRL did not build: " + String.join("; ", droolsMessages));
        this.droolsMessages = List.copyOf(droolsMessages);
    }

    public List<String> droolsMessages() {
        return droolsMessages;
    }
}
