package dev.palisade.engine.batch;

import java.util.List;

/**
 * What admission made of one request on replay.
 *
 * @param rule the denying check or rule ids, comma-separated ("" unless denied)
 * @param reason the deny message, or why the request was not replayed
 * @param warnings the warnings admission would send back
 */
public record AdmissionVerdict(State state, String rule, String reason, List<String> warnings)
        implements java.io.Serializable {
    public enum State {
        /** Admission does not apply: no plugins, a read, or no body logged. */
        NONE("none"),
        /** Authorization denies now, so the request never reaches admission. */
        NOT_REACHED("not reached"),
        /** A write admission would see, but the log lacks what it saw ({@code reason} says what). */
        NOT_REPLAYED("not replayed"),
        ALLOWED("allow"),
        DENIED("deny");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final AdmissionVerdict NONE = new AdmissionVerdict(State.NONE, "", "", List.of());
    public static final AdmissionVerdict NOT_REACHED = new AdmissionVerdict(State.NOT_REACHED, "", "", List.of());

    public AdmissionVerdict {
        warnings = List.copyOf(warnings);
    }

    static AdmissionVerdict notReplayed(String why) {
        return new AdmissionVerdict(State.NOT_REPLAYED, "", why, List.of());
    }

    public boolean replayed() {
        return state == State.ALLOWED || state == State.DENIED;
    }
}
