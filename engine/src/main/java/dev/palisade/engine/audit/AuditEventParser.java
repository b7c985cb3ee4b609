package dev.palisade.engine.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.config.Limits;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.wire.JsonInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads audit.k8s.io Events (v1, v1beta1; also items without apiVersion, as the webhook backend
 * delivers them) and EventLists from JSON bytes, with Jackson's streaming parser: only the fields
 * authorization replay needs are materialised, request and response bodies are skipped token by
 * token. That keeps replay close to the cost of tokenising the log. When admission is replayed,
 * {@link #keepingObjects()} also builds the request and response bodies as trees (only those).
 * Thread-safe (stateless).
 */
public final class AuditEventParser {
    private static final ObjectMapper TREES = new ObjectMapper();
    private final boolean keepObjects;
    private final Limits limits;
    private final JsonFactory factory;

    /** A parser that skips the request and response bodies (authorization replay needs neither), with the default limits. */
    public AuditEventParser() {
        this(false, Limits.DEFAULTS);
    }

    private AuditEventParser(boolean keepObjects, Limits limits) {
        this.keepObjects = keepObjects;
        this.limits = limits;
        // nesting depth and string length set explicitly: over them is a malformed line, never an exception
        this.factory = JsonFactory.builder().streamReadConstraints(JsonInput.constraints(limits)).build();
    }

    /** A parser that keeps {@code requestObject} and {@code responseObject} as trees, for admission replay. */
    public static AuditEventParser keepingObjects() {
        return new AuditEventParser(true, Limits.DEFAULTS);
    }

    /** This parser with other limits. */
    public AuditEventParser withLimits(Limits limits) {
        return new AuditEventParser(keepObjects, limits);
    }

    /** One JSON value: an Event (one element) or an EventList (its items, in order). */
    public List<AuditEvent> parse(byte[] bytes, int offset, int length) throws MalformedEventException {
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedEventException("expected a JSON object (an audit Event or EventList), found "
                        + describe(first));
            }
            List<AuditEvent> events = readTop(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new MalformedEventException("unexpected " + describe(trailing) + " after the JSON object");
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(JsonInput.describe(e, limits));
        } catch (IOException e) {
            throw new MalformedEventException("unreadable: " + e.getMessage());
        }
    }

    public List<AuditEvent> parse(byte[] bytes) throws MalformedEventException {
        return parse(bytes, 0, bytes.length);
    }

    private List<AuditEvent> readTop(JsonParser p) throws IOException, MalformedEventException {
        EventFields top = new EventFields(keepObjects);
        List<AuditEvent> items = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("items".equals(field)) {
                items = readItems(p);
            } else {
                top.read(field, p);
            }
        }
        if ("EventList".equals(top.kind)) {
            checkApiVersion(top.apiVersion);
            return items == null ? List.of() : items;
        }
        if (items != null) {
            throw new MalformedEventException("\"items\" outside an EventList (kind " + quoteOrNone(top.kind) + ")");
        }
        return List.of(top.toEvent());
    }

    private List<AuditEvent> readItems(JsonParser p) throws IOException, MalformedEventException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedEventException("items: expected an array, found " + describe(p.currentToken()));
        }
        List<AuditEvent> events = new ArrayList<>();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("items[" + index + "]: expected an object, found "
                        + describe(p.currentToken()));
            }
            EventFields item = new EventFields(keepObjects);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                item.read(field, p);
            }
            try {
                events.add(item.toEvent());
            } catch (MalformedEventException e) {
                throw new MalformedEventException("items[" + index + "]: " + e.getMessage());
            }
            index++;
        }
        return events;
    }

    private static void checkApiVersion(String apiVersion) throws MalformedEventException {
        if (apiVersion != null && !apiVersion.equals("audit.k8s.io/v1") && !apiVersion.equals("audit.k8s.io/v1beta1")) {
            throw new MalformedEventException("unsupported apiVersion \"" + apiVersion
                    + "\" (audit.k8s.io/v1 and v1beta1 are read)");
        }
    }

    /** The fields of one Event object as they stream past; checked and frozen by {@link #toEvent()}. */
    private static final class EventFields {
        final boolean keepObjects;
        String kind;
        String apiVersion;
        String auditID;
        String stage;
        String level;
        String verb;
        String requestURI;
        UserInfo user;
        UserInfo impersonatedUser;
        ObjectRef objectRef;
        int responseCode = AuditEvent.NO_RESPONSE;
        String decision;
        String reason;
        boolean requestObject;
        JsonNode requestBody;
        JsonNode responseBody;
        long received = AuditTimestamp.NONE;
        long stageTime = AuditTimestamp.NONE;

        EventFields(boolean keepObjects) {
            this.keepObjects = keepObjects;
        }

        void read(String field, JsonParser p) throws IOException, MalformedEventException {
            switch (field) {
                case "kind" -> kind = string(p, field);
                case "apiVersion" -> apiVersion = string(p, field);
                case "auditID" -> auditID = string(p, field);
                case "stage" -> stage = string(p, field);
                case "level" -> level = string(p, field);
                case "verb" -> verb = string(p, field);
                case "requestURI" -> requestURI = string(p, field);
                case "user" -> user = userInfo(p, field);
                case "impersonatedUser" -> impersonatedUser = userInfo(p, field);
                case "objectRef" -> objectRef = objectRef(p);
                case "responseStatus" -> responseCode = responseCode(p);
                case "annotations" -> annotations(p);
                case "requestObject" -> {
                    requestObject = p.currentToken() != JsonToken.VALUE_NULL;
                    requestBody = body(p);
                }
                case "responseObject" -> responseBody = body(p);
                case "requestReceivedTimestamp" -> received = timestamp(p);
                case "stageTimestamp" -> stageTime = timestamp(p);
                default -> p.skipChildren();
            }
        }

        AuditEvent toEvent() throws MalformedEventException {
            if (kind != null && !"Event".equals(kind)) {
                throw new MalformedEventException("not an audit Event: kind \"" + kind + "\"");
            }
            if (kind == null && auditID == null) {
                throw new MalformedEventException("not an audit Event: no kind and no auditID");
            }
            checkApiVersion(apiVersion);
            if (verb == null || verb.isEmpty()) {
                throw new MalformedEventException("audit Event without a verb");
            }
            if (user == null) {
                throw new MalformedEventException("audit Event without a user");
            }
            return new AuditEvent(auditID, stage, level, verb, requestURI, user, impersonatedUser, objectRef,
                    responseCode, decision, reason, requestObject,
                    requestBody == null && responseBody == null ? LoggedObjects.NONE
                            : new LoggedObjects(requestBody, responseBody),
                    received != AuditTimestamp.NONE ? received : stageTime);
        }

        /** Only the report's time chart reads it: a timestamp of another type is none, not a malformed event. */
        private static long timestamp(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                p.skipChildren();
                return AuditTimestamp.NONE;
            }
            return AuditTimestamp.epochMillis(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }

        /** A body as a tree when kept (null for JSON null), else skipped without building anything. */
        private JsonNode body(JsonParser p) throws IOException {
            if (!keepObjects || p.currentToken() == JsonToken.VALUE_NULL) {
                p.skipChildren();
                return null;
            }
            return TREES.readTree(p);
        }

        private void annotations(JsonParser p) throws IOException, MalformedEventException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            expectObject(p, "annotations");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case AuditEvent.DECISION_ANNOTATION -> decision = string(p, "annotations." + key);
                    case AuditEvent.REASON_ANNOTATION -> reason = string(p, "annotations." + key);
                    default -> p.skipChildren();
                }
            }
        }
    }

    private static UserInfo userInfo(JsonParser p, String field) throws IOException, MalformedEventException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expectObject(p, field);
        String name = null;
        String uid = null;
        List<String> groups = List.of();
        Map<String, List<String>> extra = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "username" -> name = string(p, field + ".username");
                case "uid" -> uid = string(p, field + ".uid");
                case "groups" -> groups = strings(p, field + ".groups");
                case "extra" -> extra = extra(p, field + ".extra");
                default -> p.skipChildren();
            }
        }
        return new UserInfo(name, uid, groups, extra);
    }

    private static Map<String, List<String>> extra(JsonParser p, String field) throws IOException, MalformedEventException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expectObject(p, field);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            extra.put(key, strings(p, field + "." + key));
        }
        return extra;
    }

    private static ObjectRef objectRef(JsonParser p) throws IOException, MalformedEventException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expectObject(p, "objectRef");
        String resource = null;
        String namespace = null;
        String name = null;
        String apiGroup = null;
        String apiVersion = null;
        String subresource = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "resource" -> resource = string(p, "objectRef.resource");
                case "namespace" -> namespace = string(p, "objectRef.namespace");
                case "name" -> name = string(p, "objectRef.name");
                case "apiGroup" -> apiGroup = string(p, "objectRef.apiGroup");
                case "apiVersion" -> apiVersion = string(p, "objectRef.apiVersion");
                case "subresource" -> subresource = string(p, "objectRef.subresource");
                default -> p.skipChildren();
            }
        }
        return new ObjectRef(resource, namespace, name, apiGroup, apiVersion, subresource);
    }

    private static int responseCode(JsonParser p) throws IOException, MalformedEventException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return AuditEvent.NO_RESPONSE;
        }
        expectObject(p, "responseStatus");
        int code = AuditEvent.NO_RESPONSE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if ("code".equals(key)) {
                if (value != JsonToken.VALUE_NUMBER_INT) {
                    throw new MalformedEventException("responseStatus.code: expected an integer, found " + describe(value));
                }
                code = p.getIntValue();
            } else {
                p.skipChildren();
            }
        }
        return code;
    }

    private static String string(JsonParser p, String field) throws IOException, MalformedEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new MalformedEventException(field + ": expected a string, found " + describe(t));
    }

    private static List<String> strings(JsonParser p, String field) throws IOException, MalformedEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            throw new MalformedEventException(field + ": expected an array of strings, found " + describe(t));
        }
        List<String> out = new ArrayList<>(4);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String element = string(p, field + "[" + out.size() + "]");
            if (element == null) {
                throw new MalformedEventException(field + "[" + out.size() + "]: expected a string, found null");
            }
            out.add(element);
        }
        return out;
    }

    private static void expectObject(JsonParser p, String field) throws MalformedEventException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException(field + ": expected an object, found " + describe(p.currentToken()));
        }
    }

    private static String quoteOrNone(String s) {
        return s == null ? "absent" : "\"" + s + "\"";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }
}
