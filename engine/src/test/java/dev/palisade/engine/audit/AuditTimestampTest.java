package dev.palisade.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The audit timestamps the report's time chart reads: what the apiserver writes, and what is no time. */
class AuditTimestampTest {
    @Test
    void readsWhatTheApiserverWritesAsInstantDoes() {
        for (String s : new String[] {"2024-05-02T09:00:02.001000Z", "2024-05-02T09:00:02Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z", "2024-05-02T09:00:02.123+02:00",
                "2024-05-02T09:00:02-05:30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"}) {
            assertEquals(Instant.parse(s).toEpochMilli(), AuditTimestamp.epochMillis(s), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-05-02", "2024-05-02 09:00:02Z", "2024-13-02T09:00:02Z",
            "2024-02-30T09:00:02Z", "2023-02-29T09:00:02Z", "2024-05-02T24:00:02Z", "2024-05-02T09:-1:02Z",
            "2024-05-02T09:00:02.Z", "2024-05-02T09:00:02", "2024-05-02T09:00:02+2:00", "0000-01-01T00:00:00Z",
            "2024-05-02T09:00:02.001000Zjunk", "+12024-05-02T09:00:02Z"})
    void anythingElseIsNoTime(String s) {
        assertEquals(AuditTimestamp.NONE, AuditTimestamp.epochMillis(s), s);
    }

    @Test
    void theParserKeepsTheReceivedTimeElseTheStageTimeAndNeverFailsOnIt() throws Exception {
        AuditEventParser parser = new AuditEventParser();
        String base = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a\",\"verb\":\"get\","
                + "\"user\":{\"username\":\"u\"}";
        assertEquals(Instant.parse("2024-05-02T09:00:02.001Z").toEpochMilli(), parser.parse((base
                + ",\"stageTimestamp\":\"2024-05-02T09:00:03Z\",\"requestReceivedTimestamp\":\"2024-05-02T09:00:02.001000Z\"}")
                .getBytes()).get(0).timestamp());
        assertEquals(Instant.parse("2024-05-02T09:00:03Z").toEpochMilli(),
                parser.parse((base + ",\"stageTimestamp\":\"2024-05-02T09:00:03Z\"}").getBytes()).get(0).timestamp());
        assertEquals(AuditTimestamp.NONE, parser.parse((base + ",\"requestReceivedTimestamp\":{\"x\":[1]},"
                + "\"stageTimestamp\":7}").getBytes()).get(0).timestamp());
        assertEquals(AuditTimestamp.NONE, parser.parse((base + "}").getBytes()).get(0).timestamp());
    }
}
