package dev.palisade.dsl.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A violation's field as Kubernetes writes field paths: keys that are not plain names in brackets (issue 14, found 10). */
class FieldPathTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "spec,containers,0            | spec.containers[0]",
            "metadata,annotations,container.apparmor.security.beta.kubernetes.io/c | metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]",
            "metadata,labels,app          | metadata.labels.app",
            "spec,template,spec,volumes,2,hostPath | spec.template.spec.volumes[2].hostPath"})
    void keysWithDotsOrSlashesAreBracketed(String segments, String expected) {
        List<Object> parsed = java.util.Arrays.stream(segments.split(","))
                .map(s -> s.chars().allMatch(Character::isDigit) ? (Object) Integer.parseInt(s) : s).toList();
        assertEquals(expected, JsonValues.fieldPath(parsed));
    }
}
