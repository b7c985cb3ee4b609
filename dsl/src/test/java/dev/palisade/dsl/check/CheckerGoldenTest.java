package dev.palisade.dsl.check;

import dev.palisade.dsl.parse.Golden;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** golden/check/NAME.pal, parsed and checked on its own, renders the diagnostics in NAME.errors. */
class CheckerGoldenTest {

    static Stream<Named<Path>> inputs() {
        return Golden.inputs("check").stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void check_goldenInput_rendersExpectedErrors(Path input) {
        SourceFile source = new SourceFile(input.getFileName().toString(), Golden.read(input));

        List<Diagnostic> diagnostics = PolicyChecker.check(List.of(PolicyParser.parse(source).orThrow()));

        Golden.check(input, "errors", diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    }
}
