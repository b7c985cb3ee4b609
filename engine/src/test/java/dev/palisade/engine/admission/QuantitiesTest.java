package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quantity strings Kubernetes' ParseQuantity accepts and refuses. */
class QuantitiesTest {
    @ParameterizedTest(name = "\"{0}\" is valid: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            500m     | true
            1        | true
            0.5      | true
            .5       | true
            5.       | true
            -1       | true
            +1       | true
            128Mi    | true
            1Gi      | true
            2Ei      | true
            1E       | true
            1e3      | true
            1E-3     | true
            1e+3     | true
            1u       | true
            ` 1Gi `  | true
            ''       | false
            m        | false
            .        | false
            1.2.3    | false
            1ki      | false
            1MB      | false
            1e       | false
            1e+      | false
            1e3m     | false
            lots     | false
            1 Gi     | false
            """)
    void parseQuantitySyntax(String text, boolean valid) {
        assertEquals(valid, Quantities.valid(text.equals("''") ? "" : text), text);
    }
}
