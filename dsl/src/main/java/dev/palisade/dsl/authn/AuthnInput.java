package dev.palisade.dsl.authn;

import dev.palisade.dsl.runtime.AuthzInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What authn rules judge: the authenticated user and how it authenticated. It is an
 * {@link AuthzInput} with every request attribute empty, so that authn rules run on the same
 * fact classes as authorization rules; the checker never lets an authn rule read those.
 *
 * @param authnMethod        basic, token, x509, serviceaccount, webhook or anonymous
 * @param authnAuthenticator the configured name of the authenticator that recognised the user
 */
public record AuthnInput(String userName, String userUid, List<String> userGroups, Map<String, List<String>> userExtra,
                         String authnMethod, String authnAuthenticator) implements AuthzInput {
    public AuthnInput {
        userName = Objects.requireNonNullElse(userName, "");
        userUid = Objects.requireNonNullElse(userUid, "");
        userGroups = List.copyOf(Objects.requireNonNullElse(userGroups, List.of()));
        userExtra = Map.copyOf(Objects.requireNonNullElse(userExtra, Map.of()));
        authnMethod = Objects.requireNonNullElse(authnMethod, "");
        authnAuthenticator = Objects.requireNonNullElse(authnAuthenticator, "");
    }

    @Override
    public String verb() {
        return "";
    }

    @Override
    public String namespace() {
        return "";
    }

    @Override
    public String apiGroup() {
        return "";
    }

    @Override
    public String apiVersion() {
        return "";
    }

    @Override
    public String resource() {
        return "";
    }

    @Override
    public String subresource() {
        return "";
    }

    @Override
    public String name() {
        return "";
    }

    @Override
    public String path() {
        return "";
    }

    @Override
    public boolean resourceRequest() {
        return false;
    }
}
