package dev.palisade.dsl.runtime;

import java.util.List;
import java.util.Map;

/**
 * The request attributes a compiled authorization policy reads. Implemented by the engine's
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
}
