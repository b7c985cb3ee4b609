package dev.palisade.cli;

import dev.palisade.engine.cases.CaseFileResult;
import dev.palisade.engine.cases.CaseOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code palisade test --junit FILE}: the results as the JUnit XML CI systems read (one
 * {@code testsuite} per case file, one {@code testcase} per case, {@code failure} with expected
 * and got, {@code error} for a file that could not run). Written with the JDK's StAX writer, so
 * case names and messages are escaped as XML requires.
 */
final class JUnitReport {
    private JUnitReport() {}

    static void write(Path file, List<CaseFileResult> results, List<BadCaseFile> badFiles) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "palisade test");
            long tests = results.stream().mapToLong(r -> r.outcomes().size()).sum();
            x.writeAttribute("tests", Long.toString(tests));
            x.writeAttribute("failures", Long.toString(results.stream().mapToLong(CaseFileResult::failures).sum()));
            x.writeAttribute("errors", Integer.toString(badFiles.size()));
            for (CaseFileResult r : results) {
                suite(x, r);
            }
            for (BadCaseFile bad : badFiles) {
                badSuite(x, bad);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter x, CaseFileResult r) throws XMLStreamException {
        String name = r.file().file().toString();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Integer.toString(r.outcomes().size()));
        x.writeAttribute("failures", Long.toString(r.failures()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("time", seconds(r.nanos()));
        for (CaseOutcome o : r.outcomes()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", name);
            x.writeAttribute("name", o.name());
            x.writeAttribute("file", o.location());
            if (!o.passed()) {
                x.writeStartElement("failure");
                x.writeAttribute("message", "expected " + o.expected() + ", got " + o.got());
                x.writeCharacters("expected: " + o.expected() + "\ngot:      " + o.got()
                        + o.deciding().stream().map(d -> "\ndecided by " + d).reduce("", String::concat));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void badSuite(XMLStreamWriter x, BadCaseFile bad) throws XMLStreamException {
        String file = bad.file().toString();
        String message = bad.message();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", file);
        x.writeAttribute("tests", "0");
        x.writeAttribute("failures", "0");
        x.writeAttribute("errors", "1");
        x.writeStartElement("error");
        x.writeAttribute("message", message.lines().findFirst().orElse(""));
        x.writeCharacters(message);
        x.writeEndElement();
        x.writeEndElement();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
