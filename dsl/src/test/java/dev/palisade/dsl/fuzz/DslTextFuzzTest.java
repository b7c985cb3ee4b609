package dev.palisade.dsl.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.dsl.source.SourceFile;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

/**
 * Fuzzing of DSL text (issue 10): the shipped library policies, damaged by a few random
 * {@link Mutations}, go through parse, check and compile. Whatever the text, nothing throws but a
 * {@link PolicyException}, and every diagnostic names a place inside the text. The short run is
 * part of {@code mvn verify}; {@code mvn -Pfuzz} runs the long one (tag {@code fuzz}).
 */
class DslTextFuzzTest {
    static final int SHORT = 300;
    static final int LONG = 20_000;

    /** A library file, its name, and the mutations applied to it. */
    record Input(String name, String text, List<Mutations> applied) {
        @Override
        public String toString() {
            return name + " " + applied + " (" + text.length() + " chars)";
        }
    }

    @Provide
    Arbitrary<Input> mutatedPolicies() {
        Arbitrary<LibraryPolicies.Seed> seeds = Arbitraries.of(LibraryPolicies.SEEDS);
        Arbitrary<List<Mutations>> mutations = Arbitraries.of(Mutations.class).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Long> randomSeeds = Arbitraries.longs();
        return Combinators.combine(seeds, mutations, randomSeeds).as((seed, applied, r) -> {
            Random random = new Random(r);
            String text = seed.text();
            for (Mutations m : applied) {
                text = m.apply(text, random);
            }
            return new Input(seed.name(), text, applied);
        });
    }

    @Property(tries = SHORT, shrinking = ShrinkingMode.OFF)
    void mutatedLibraryPolicy_isAnsweredWithPositionedDiagnosticsOnly(@ForAll("mutatedPolicies") Input input) {
        pipeline(input);
    }

    @Property(tries = LONG, shrinking = ShrinkingMode.OFF)
    @Tag("fuzz")
    void long_mutatedLibraryPolicy_isAnsweredWithPositionedDiagnosticsOnly(@ForAll("mutatedPolicies") Input input) {
        pipeline(input);
    }

    /** Unmutated library files are the control: they must parse, check and compile clean. */
    @Property(tries = 50)
    void libraryPolicy_compilesClean(@ForAll("seeds") LibraryPolicies.Seed seed) {
        List<Diagnostic> diagnostics = pipeline(new Input(seed.name(), seed.text(), List.of()));
        assertTrue(diagnostics.isEmpty(), () -> seed.name() + ": " + diagnostics);
    }

    @Provide
    Arbitrary<LibraryPolicies.Seed> seeds() {
        return Arbitraries.of(LibraryPolicies.SEEDS);
    }

    /** Parse, check and compile one file; the diagnostics of the first stage that had any. */
    static List<Diagnostic> pipeline(Input input) {
        SourceFile file = new SourceFile(input.name(), input.text());
        List<Diagnostic> diagnostics = new ArrayList<>();
        try {
            ParseResult parsed = PolicyParser.parse(file);
            diagnostics.addAll(parsed.diagnostics());
            if (parsed.hasErrors()) {
                return checked(file, diagnostics);
            }
            assertNotNull(parsed.file(), "a parse without errors has a file");
            List<PolicyFile> files = List.of(parsed.file());
            diagnostics.addAll(PolicyChecker.check(files));
            if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
                return checked(file, diagnostics);
            }
            try {
                PolicyCompiler.compile(files);
                AuthnCompiler.compile(files);
                AdmissionCompiler.compile(files);
            } catch (PolicyException e) {
                assertTrue(!e.diagnostics().isEmpty(), "a compile error names at least one problem");
                diagnostics.addAll(e.diagnostics());
            }
            return checked(file, diagnostics);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return fail("uncaught " + e + " for " + input, e);
        }
    }

    /** Every diagnostic is within the text: its file, a line of it, a column on that line (or just past it). */
    private static List<Diagnostic> checked(SourceFile file, List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            Span s = d.span();
            String where = d + " in a text of " + file.lineCount() + " lines";
            assertTrue(s.file() == file || s.file().path().equals(file.path()), "foreign file: " + where);
            assertTrue(s.line() >= 1 && s.line() <= file.lineCount(), "line out of the text: " + where);
            assertTrue(s.column() >= 1 && s.column() <= file.line(s.line()).length() + 1,
                    "column out of the line: " + where);
            assertTrue(s.endLine() >= s.line() && s.endLine() <= file.lineCount(), "end line out of the text: " + where);
            assertNotNull(d.render());
        }
        return diagnostics;
    }
}
