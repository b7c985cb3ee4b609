package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.StaticAuthorizer;
import org.junit.jupiter.api.Test;

class FixedEngineSourceTest {
    private static PolicyEngine engine() {
        return PolicyEngine.builder().add(StaticAuthorizer.alwaysDeny()).build();
    }

    @Test
    void closeWaitsForTheLastLease_thenRefusesNewOnes() {
        FixedEngineSource source = new FixedEngineSource(engine());
        assertTrue(source.ready());
        assertEquals(1, source.generation());
        EngineLease a = source.acquire();
        EngineLease b = source.acquire();
        source.close();
        assertFalse(source.ready());
        assertThrows(IllegalStateException.class, source::acquire);
        a.close();
        a.close(); // a second release of one lease counts once
        assertFalse(source.engineClosed(), "closed under a held lease");
        b.engine();
        b.close();
        assertTrue(source.engineClosed());
        assertThrows(IllegalStateException.class, b::engine);
    }

    @Test
    void closeWithoutLeasesClosesAtOnce_andIsIdempotent() {
        FixedEngineSource source = new FixedEngineSource(engine());
        source.acquire().close();
        source.close();
        source.close();
        assertTrue(source.engineClosed());
    }
}
