package dev.palisade.engine.authn;

import dev.palisade.Api;
import java.util.Locale;

/**
 * How a user was authenticated. Carried in every {@link AuthenticationResult} so that a later
 * stage (DSL {@code authn} rules) can judge it, e.g. "system:masters only via x509".
 */
@Api
public enum AuthenticationMethod {
    BASIC, TOKEN, X509, SERVICE_ACCOUNT, WEBHOOK, ANONYMOUS, NONE;

    /** The spelling used in reports and as a rule attribute: basic, token, x509, serviceaccount, webhook, anonymous, none. */
    public String spelling() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
