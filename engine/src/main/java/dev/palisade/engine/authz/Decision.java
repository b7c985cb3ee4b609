package dev.palisade.engine.authz;

import dev.palisade.Api;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An immutable authorization decision with its reasons and any evaluation errors.
 * An ALLOW may carry errors only of other authorizers that failed before it with failure policy
 * {@code NoOpinion} (see {@link FailurePolicy}), so that an operator sees every failure; a
 * decision with errors is never cached.
 */
@Api
public record Decision(Verdict verdict, List<Reason> reasons, List<String> errors) {
    /** The one error-free NO_OPINION; decisions are immutable, so every authorizer may share it. */
    public static final Decision NO_OPINION = new Decision(Verdict.NO_OPINION, List.of(), List.of());

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Decision allow(Reason reason) {
        return new Decision(Verdict.ALLOW, List.of(reason), List.of());
    }

    public static Decision deny(Reason reason) {
        return new Decision(Verdict.DENY, List.of(reason), List.of());
    }

    /** {@link #NO_OPINION}: no allocation per request. */
    public static Decision noOpinion() {
        return NO_OPINION;
    }

    /** A failure inside an authorizer: no opinion, the error carried, never allow. */
    public static Decision error(String error) {
        return new Decision(Verdict.NO_OPINION, List.of(), List.of(error));
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    /** The reasons, one per line-ish, joined with "; " as the apiserver joins them. */
    public String reasonText() {
        return reasons.stream().map(Reason::render).collect(Collectors.joining("; "));
    }

    public String errorText() {
        return String.join("; ", errors);
    }
}
