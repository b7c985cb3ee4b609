package dev.palisade.engine.kubeconfig;

import dev.palisade.engine.authn.Credentials;

/** The credentials of a kubeconfig's current context, and which context and user entry they came from. */
public record KubeconfigCredentials(String context, String userEntry, Credentials credentials) {}
