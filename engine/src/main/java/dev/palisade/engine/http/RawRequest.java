package dev.palisade.engine.http;

import dev.palisade.engine.authn.Credentials;
import java.util.Objects;

/**
 * An HTTP request as the apiserver's filters see it: method, target (path and query), headers,
 * and credentials (Authorization header and/or verified client certificate chain).
 */
public record RawRequest(String method, String target, RequestHeaders headers, Credentials credentials) {
    public RawRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = headers == null ? new RequestHeaders() : headers;
        credentials = credentials == null ? Credentials.none() : credentials;
    }
}
