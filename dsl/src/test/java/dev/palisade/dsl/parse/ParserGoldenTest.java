package dev.palisade.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** golden/parse/NAME.pal parses without diagnostics into the AST dumped in NAME.ast. */
class ParserGoldenTest {

    static Stream<Named<Path>> inputs() {
        List<Path> inputs = Golden.inputs("parse");
        return inputs.stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void parse_goldenInput_matchesAstDump(Path input) {
        ParseResult result = PolicyParser.parse(new SourceFile(input.getFileName().toString(), Golden.read(input)));

        assertEquals(List.of(), result.diagnostics());
        Golden.check(input, "ast", AstDump.of(result.file()));
    }
}
