package dev.palisade.dsl.runtime;

import java.util.List;
import java.util.Map;

/**
 * The attributes a compiled policy reads (authorization rules the request, authn rules the user
 * and how it authenticated). Implemented by the engine's
 * request model, so that the DSL does not depend on it. Absent string attributes are "".
 */
public interface AuthzInput {
    String userName();

    String userUid();

    List<String> userGroups();

    Map<String, List<String>> userExtra();

    String verb();

    String namespace();

    String apiGroup();

    String apiVersion();

    String resource();

    String subresource();

    String name();

    String path();

    boolean resourceRequest();

    /** How the user authenticated ({@code authn.method}); read by authn rules only, "" elsewhere. */
    default String authnMethod() {
        return "";
    }

    /** The authenticator's configured name ({@code authn.authenticator}); read by authn rules only. */
    default String authnAuthenticator() {
        return "";
    }
}
