package dev.palisade.engine.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditLogGeneratorTest {
    @Test
    void theSameSeedGivesTheSameLogAndAnotherSeedAnother() {
        assertArrayEquals(AuditLogGenerator.generate(7, 2000), AuditLogGenerator.generate(7, 2000));
        assertFalse(Arrays.equals(AuditLogGenerator.generate(7, 2000), AuditLogGenerator.generate(8, 2000)));
    }

    @Test
    void everyLineIsAnAuditEventInRealisticProportions() throws Exception {
        int n = 10_000;
        String[] lines = new String(AuditLogGenerator.generate(3, n), StandardCharsets.UTF_8).split("\n");
        assertEquals(n, lines.length);
        AuditEventParser parser = new AuditEventParser();
        List<AuditEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.addAll(parser.parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        long nodes = events.stream().filter(e -> e.user().name().startsWith("system:node:")).count();
        long serviceAccounts = events.stream().filter(e -> e.user().name().startsWith("system:serviceaccount:")).count();
        long denied = events.stream().filter(e -> e.recorded() == RecordedDecision.DENY).count();
        long unauthenticated = events.stream().filter(e -> e.recorded() == RecordedDecision.UNAUTHENTICATED).count();
        long impersonated = events.stream().filter(e -> e.impersonatedUser() != null).count();
        long withObject = events.stream().filter(AuditEvent::hasRequestObject).count();
        long received = events.stream().filter(e -> e.stage().equals("RequestReceived")).count();
        long nonResource = events.stream().filter(e -> e.objectRef() == null).count();
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.auditID()));
        // machine traffic dominates; people, probes and forbidden requests are a minority, as in real logs
        assertBetween(0.25, 0.45, nodes, n);
        assertBetween(0.25, 0.45, serviceAccounts, n);
        assertBetween(0.01, 0.10, denied, n);
        assertBetween(0.001, 0.02, unauthenticated, n);
        assertBetween(0.0005, 0.02, impersonated, n);
        assertBetween(0.005, 0.10, withObject, n);
        assertBetween(0.02, 0.15, received, n);
        assertBetween(0.03, 0.15, nonResource, n);
        assertTrue(ids.size() < n && ids.size() > 0.85 * n, "some requests are logged at two stages: " + ids.size());
    }

    private static void assertBetween(double low, double high, long count, int n) {
        double share = (double) count / n;
        assertTrue(share >= low && share <= high, share + " not in [" + low + ", " + high + "]");
    }
}
