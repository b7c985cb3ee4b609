package dev.palisade.dsl.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The type of a field of a built-in Kubernetes kind, as the apiserver decodes it: a primitive, a
 * list, a map with string keys, or an object with named fields. Unknown fields of an object are
 * not part of its type: the apiserver drops them (unless strict field validation is asked for).
 */
public sealed interface SchemaType permits SchemaType.Primitive, SchemaType.ArrayOf, SchemaType.MapOf, SchemaType.ObjectType {

    /** How an error message names what was expected: "a string", "true or false", … */
    String expected();

    /** The table's spelling, e.g. {@code int32}, {@code [@core.v1.Container]}. */
    String spelling();

    enum Primitive implements SchemaType {
        STRING("string", "a string"),
        INT32("int32", "a 32-bit integer"),
        INT64("int64", "an integer"),
        NUMBER("number", "a number"),
        BOOLEAN("boolean", "true or false"),
        /** {@code intstr.IntOrString}: a string, or an integer that fits 32 bits. */
        INT_OR_STRING("int-or-string", "an integer or a string"),
        /** {@code resource.Quantity}: a number, or a string such as {@code "500m"} or {@code "1Gi"}. */
        QUANTITY("quantity", "a quantity (a number or a string such as \"500m\")"),
        /** Free-form: RawExtension, FieldsV1, apiextensions JSON, preserve-unknown-fields. Any JSON value. */
        ANY("any", "any value");

        private final String spelling;
        private final String expected;

        Primitive(String spelling, String expected) {
            this.spelling = spelling;
            this.expected = expected;
        }

        @Override
        public String expected() {
            return expected;
        }

        @Override
        public String spelling() {
            return spelling;
        }

        static Optional<Primitive> bySpelling(String s) {
            for (Primitive p : values()) {
                if (p.spelling.equals(s)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    record ArrayOf(SchemaType items) implements SchemaType {
        @Override
        public String expected() {
            return "a list";
        }

        @Override
        public String spelling() {
            return "[" + items.spelling() + "]";
        }
    }

    /** An object used as a map: any string key, every value of one type (labels, resource limits). */
    record MapOf(SchemaType values) implements SchemaType {
        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public String spelling() {
            return "{" + values.spelling() + "}";
        }
    }

    /**
     * A named definition such as {@code core.v1.PodSpec}. Its fields are filled in once the whole
     * table is read (definitions refer to each other, and some to themselves), then never change.
     * Identity is the name: one instance per definition per schema.
     */
    final class ObjectType implements SchemaType {
        private final String name;
        private final Map<String, SchemaType> fields = new HashMap<>();
        private Map<String, SchemaType> view = Map.of();

        ObjectType(String name) {
            this.name = name;
        }

        /**
         * An object type built outside the table, e.g. from a CRD's {@code openAPIV3Schema} (a tree:
         * CRD schemas have no references, so every field's type exists before its object).
         */
        public static ObjectType of(String name, Map<String, SchemaType> fields) {
            ObjectType t = new ObjectType(name);
            fields.forEach(t::add);
            t.freeze();
            return t;
        }

        /** What iterating over a map yields: {@code {key, value}} with the map's value type. */
        public static ObjectType mapEntry(SchemaType values) {
            ObjectType entry = new ObjectType("entry of {" + values.spelling() + "}");
            entry.add("key", Primitive.STRING);
            entry.add("value", values);
            entry.freeze();
            return entry;
        }

        public String name() {
            return name;
        }

        /** The declared fields, by JSON name. */
        public Map<String, SchemaType> fields() {
            return view;
        }

        /** The type of a declared field, or null: hot path of the admission check, so no Optional. */
        public SchemaType field(String jsonName) {
            return fields.get(jsonName);
        }

        void add(String field, SchemaType type) {
            fields.put(field, type);
        }

        void freeze() {
            view = Collections.unmodifiableMap(fields);
        }

        @Override
        public String expected() {
            return "an object";
        }

        @Override
        public String spelling() {
            return "@" + name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
