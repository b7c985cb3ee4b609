package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import org.junit.jupiter.api.Test;

class SuggestCommandTest {
    static final String CONFIG = BatchCommandTest.CONFIG;
    static final String LOG = BatchCommandTest.LOG;

    @Test
    void suggestsLoadableRbacForAUserAndAServiceAccount() {
        CliTest.Run bob = CliTest.run("", "suggest", "-c", CONFIG, LOG, "--user", "bob");
        assertEquals(0, bob.exit(), bob.err());
        RbacPolicy p = new RbacObjectsLoader().loadText("bob.yaml", bob.out()).policy();
        assertEquals(1, p.roles().size());
        assertEquals(1, p.roleBindings().size());
        assertTrue(bob.err().contains("bob: 8 requests, 5 already allowed"), bob.err());
        CliTest.Run sa = CliTest.run("", "suggest", "-c", CONFIG, LOG, "--serviceaccount", "payments:api",
                "--resource-names");
        assertEquals(0, sa.exit(), sa.err());
        assertTrue(sa.out().contains("- payments-db") && sa.out().contains("- stripe-key"), sa.out());
        assertTrue(sa.out().contains("kind: ServiceAccount"), sa.out());
    }

    @Test
    void badSubjectsAndUnknownUsers() {
        assertEquals(2, CliTest.run("", "suggest", "-c", CONFIG, LOG, "--serviceaccount", "nocolon").exit());
        assertEquals(2, CliTest.run("", "suggest", "-c", CONFIG, LOG).exit());
        assertEquals(2, CliTest.run("", "suggest", "-c", CONFIG, LOG, "--user", "a", "--serviceaccount", "n:s").exit());
        assertEquals(1, CliTest.run("", "suggest", "-c", CONFIG, LOG, "--user", "nobody").exit());
    }
}
