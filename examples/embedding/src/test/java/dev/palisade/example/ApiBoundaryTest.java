package dev.palisade.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.palisade.Api;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** An application embedding Palisade needs nothing of it but the types marked {@link Api}. */
class ApiBoundaryTest {
    @Test
    void example_usesOnlyApiTypes() {
        JavaClasses example = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.palisade.example");
        assertFalse(example.isEmpty(), "the example's classes were found");
        Set<String> outside = new TreeSet<>();
        for (JavaClass c : example) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("dev.palisade") && !target.getPackageName().startsWith("dev.palisade.example")
                        && !isApi(target)) {
                    outside.add(c.getSimpleName() + " -> " + target.getName());
                }
            }
        }
        assertEquals(Set.of(), outside, "the example reaches past the API");
    }

    private static boolean isApi(JavaClass c) {
        for (JavaClass k = c; ; k = k.getEnclosingClass().get()) {
            if (k.isAnnotatedWith(Api.class)) {
                return true;
            }
            if (k.getEnclosingClass().isEmpty()) {
                return false;
            }
        }
    }
}
