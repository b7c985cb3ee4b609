package dev.palisade.engine.audit;

import java.util.Objects;

/** An audit Event's {@code objectRef}: what the request was about, as the apiserver recorded it. Absent strings are "". */
public record ObjectRef(String resource, String namespace, String name, String apiGroup, String apiVersion,
                        String subresource) {
    public ObjectRef {
        resource = Objects.requireNonNullElse(resource, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        apiVersion = Objects.requireNonNullElse(apiVersion, "");
        subresource = Objects.requireNonNullElse(subresource, "");
    }
}
