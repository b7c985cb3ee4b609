package dev.palisade.engine.http;

import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;

/**
 * What the apiserver's RequestInfoFactory derives from a request line: resource or non-resource,
 * verb, API prefix/group/version, namespace, resource, subresource, name, and the remaining parts.
 */
public record RequestInfo(boolean resourceRequest, String path, String verb, String apiPrefix, String apiGroup,
                          String apiVersion, String namespace, String resource, String subresource, String name,
                          List<String> parts) {
    public RequestInfo {
        parts = List.copyOf(parts);
    }

    /** The authorizer attributes for this request made by {@code user}. */
    public RequestAttributes attributes(UserInfo user) {
        if (!resourceRequest) {
            return RequestAttributes.nonResource(user, verb, path);
        }
        return new RequestAttributes(user, verb, namespace, apiGroup, apiVersion, resource, subresource, name, true, "");
    }
}
