package dev.palisade.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.palisade.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The supported API is the set of types marked {@link Api}. Its public signatures may mention only
 * API types (and their nested builders) and the JDK, so that an embedder never has to reach into
 * the implementation; each API type has javadoc.
 */
class ApiSurfaceTest {
    private static final JavaClasses PALISADE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.palisade");

    static boolean isApi(JavaClass c) {
        JavaClass outer = c;
        while (true) {
            if (outer.isAnnotatedWith(Api.class)) {
                return true;
            }
            if (outer.getEnclosingClass().isEmpty()) {
                return false;
            }
            outer = outer.getEnclosingClass().get();
        }
    }

    private static List<JavaClass> apiTypes() {
        return PALISADE.stream().filter(ApiSurfaceTest::isApi).toList();
    }

    @Test
    void apiTypes_areMarked() {
        Set<String> names = new TreeSet<>();
        apiTypes().stream().filter(c -> c.isAnnotatedWith(Api.class)).forEach(c -> names.add(c.getSimpleName()));
        assertTrue(names.containsAll(Set.of("PolicyEngine", "RequestAttributes", "UserInfo", "Decision", "Verdict",
                "Reason", "Credentials", "AuthenticationResult", "AdmissionRequest", "AdmissionDecision",
                "PalisadeException", "Authorizer", "AdmissionPlugin", "AdmissionPluginResult", "DecisionCacheStats")),
                names.toString());
    }

    @Test
    void apiSignatures_mentionOnlyApiTypesAndTheJdk() {
        Set<String> exposures = new TreeSet<>();
        for (JavaClass c : apiTypes()) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (!visible(unit.getModifiers()) || unit.getName().startsWith("lambda$")) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                types.add(unit.getReturnType());
                for (JavaType t : types) {
                    for (JavaClass exposed : mentioned(t)) {
                        if (!allowed(exposed)) {
                            exposures.add(c.getName() + "." + signature(unit) + " -> " + exposed.getName());
                        }
                    }
                }
            }
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers())) {
                    for (JavaClass exposed : mentioned(f.getType())) {
                        if (!allowed(exposed)) {
                            exposures.add(c.getName() + "." + f.getName() + " -> " + exposed.getName());
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), exposures,
                "API signatures expose implementation types (remove them, or mark the type @Api if it is meant to be API)");
    }

    @Test
    void everyApiType_hasJavadoc() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("PALISADE_PROJECT_ROOT", ".."));
        List<String> missing = new ArrayList<>();
        for (JavaClass c : apiTypes()) {
            if (!c.isAnnotatedWith(Api.class)) {
                continue; // nested types of an API type are documented with it
            }
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            String relative = top.getName().replace('.', '/') + ".java";
            Path source = Files.exists(root.resolve("engine/src/main/java/" + relative))
                    ? root.resolve("engine/src/main/java/" + relative)
                    : root.resolve("dsl/src/main/java/" + relative);
            String text = Files.readString(source);
            Pattern documented = Pattern.compile("\\*/\\s*@Api[^\\n]*\\n\\s*public [^\\n]*\\b(class|record|interface|enum|@interface) "
                    + Pattern.quote(c.getSimpleName()) + "\\b");
            if (!documented.matcher(text).find()) {
                missing.add(c.getName());
            }
        }
        assertEquals(List.of(), missing, "API types without javadoc directly above the declaration");
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static boolean allowed(JavaClass t) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        return base.isPrimitive() || base.getPackageName().startsWith("java.") || isApi(base);
    }

    private static List<JavaClass> mentioned(JavaType t) {
        List<JavaClass> out = new ArrayList<>();
        out.add(t.toErasure());
        if (t instanceof JavaParameterizedType p) {
            for (JavaType arg : p.getActualTypeArguments()) {
                out.addAll(mentioned(arg));
            }
        }
        return out;
    }

    private static String signature(JavaCodeUnit unit) {
        StringBuilder b = new StringBuilder(unit.getName()).append('(');
        for (int i = 0; i < unit.getRawParameterTypes().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(unit.getRawParameterTypes().get(i).getSimpleName());
        }
        return b.append(')').toString();
    }
}
