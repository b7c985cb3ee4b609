package dev.palisade.dsl.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.AdmissionRule.Kind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionTargetTest {
    @Test
    void targets_operationsAndResourcesPerRule_podRulesAlsoSeeWorkloads() {
        AdmissionProgram program = AdmissionProgramTest.program("""
                package t
                validate "no-privileged" on CREATE, UPDATE pods
                  for each c in object.spec.containers
                  deny when c.securityContext.privileged == true
                mutate "label" on CREATE configmaps
                  when object.metadata.name == "x"
                  set object.metadata.labels.owner = "team"
                """);

        assertEquals(List.of(
                new AdmissionTarget(Kind.VALIDATE, Set.of("CREATE", "UPDATE"), Set.of("pods", "deployments", "replicasets",
                        "statefulsets", "daemonsets", "jobs", "cronjobs", "replicationcontrollers", "podtemplates")),
                new AdmissionTarget(Kind.MUTATE, Set.of("CREATE"), Set.of("configmaps"))), program.targets());
    }
}
