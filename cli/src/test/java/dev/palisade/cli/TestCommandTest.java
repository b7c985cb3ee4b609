package dev.palisade.cli;

import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code palisade test}: go-test-like lines, failures with expected / got / deciding rules, exit codes, JUnit XML, coverage. */
class TestCommandTest {
    private static final String POLICY = """
            package team
            deny "no-secret-deletes" when verb == "delete" and resource == "secrets"
              because "secrets are never deleted by hand"
            allow "readers" when verb in ["get", "list"] and "readers" in user.groups
            allow "never-tested" when verb == "patch" and resource == "configmaps"
            """;
    private static final String CASES = """
            cases:
            - name: readers read
              request: {user: ann, groups: [readers], verb: get, resource: pods, namespace: a}
              expect: ALLOW
              rule: team/readers
            - name: nobody deletes secrets
              request: {user: ann, groups: [readers], verb: delete, resource: secrets, namespace: a}
              expect: DENY
              rule: team/no-secret-deletes
              message: never deleted
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theShippedLibraryPasses() {
        Run r = run("", "test", CliTest.ROOT.resolve("rules/policies").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.lines().stream().filter(l -> l.startsWith("ok ")).count() >= 29, r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").matches("ok: \\d+ cases passed in \\d+ files"), r.out());
    }

    @Test
    void passingFile_oneOkLine_exit0() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", CASES);
        Run r = run("", "test", cases.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.lines().get(0).matches("ok +\\S+team\\.cases\\.yaml +2 cases +\\d+\\.\\d{3}s"), r.out());
        assertEquals("ok: 2 cases passed in 1 file", r.lines().get(1));
    }

    @Test
    void failingCase_namesCaseExpectedGotAndDecidingRuleWithPosition_exit1() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", CASES.replace("expect: DENY", "expect: ALLOW"));
        Run r = run("", "test", cases.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL  " + cases), r.out());
        assertTrue(r.out().contains("--- FAIL: nobody deletes secrets (" + cases + ":6)"), r.out());
        assertTrue(r.out().contains("expected: ALLOW by team/no-secret-deletes"), r.out());
        assertTrue(r.out().contains("got:      DENY by team/no-secret-deletes"), r.out());
        assertTrue(r.out().contains("decided by team/no-secret-deletes (" + dir.resolve("team.pal") + ":2:1)"), r.out());
        assertTrue(r.out().contains("FAIL: 1 of 2 cases failed in 1 file"), r.out());
    }

    @Test
    void wrongMessage_fails_evenWhenTheVerdictIsRight() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", CASES.replace("message: never deleted", "message: something else"));
        Run r = run("", "test", cases.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("no message contains \"something else\""), r.out());
    }

    @Test
    void badFile_positionedReason_exit2() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", "cases:\n- name: x\n  expect: MAYBE\n  request: {user: a}\n");
        Run r = run("", "test", cases.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains(cases + ":2:3: case \"x\": \"expect\" must be one of ALLOW, DENY, NO_OPINION"), r.out());
    }

    @Test
    void policyThatDoesNotCompile_isABadFileWithItsPositions_exit2() throws IOException {
        write("team.pal", "package team\nallow \"x\" when verb = \"get\"\n");
        Path cases = write("team.cases.yaml", CASES);
        Run r = run("", "test", cases.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("the policy does not compile"), r.out());
        assertTrue(r.out().contains(dir.resolve("team.pal") + ":2:21: error:"), r.out());
    }

    @Test
    void run_selectsCasesByName_andABadPatternIsAnInputError() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", CASES.replace("expect: DENY", "expect: ALLOW"));
        Run only = run("", "test", "--run", "^readers", cases.toString());
        assertEquals(0, only.exit(), only.out());
        assertEquals("ok: 1 case passed in 1 file", only.lines().get(only.lines().size() - 1));
        Run bad = run("", "test", "--run", "(", cases.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--run: not a regular expression"), bad.err());
    }

    @Test
    void coverage_listsUnexercisedRulesWithPlaces_andTheShare() throws IOException {
        write("team.pal", POLICY);
        Path cases = write("team.cases.yaml", CASES);
        Run r = run("", "test", "--coverage", cases.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("not exercised: team/never-tested (" + dir.resolve("team.pal") + ":5:1)"), r.out());
        assertTrue(r.out().contains("66.7% of 3 rules exercised by a case (1 not)"), r.out());
    }

    @Test
    void junit_oneSuitePerFile_aFailureWithExpectedAndGot_anErrorPerBadFile() throws Exception {
        write("team.pal", POLICY);
        write("team.cases.yaml", CASES.replace("expect: DENY", "expect: ALLOW"));
        write("other.pal", POLICY.replace("package team", "package other"));
        write("other.cases.yaml", "cases: []\n");
        Path xml = dir.resolve("report.xml");
        Run r = run("", "test", "--junit", xml.toString(), dir.toString());
        assertEquals(2, r.exit(), r.out());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(List.of("2", "1", "1"), List.of(root.getAttribute("tests"), root.getAttribute("failures"),
                root.getAttribute("errors")));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element failed = (Element) failures.item(0).getParentNode();
        assertEquals("nobody deletes secrets", failed.getAttribute("name"));
        assertTrue(failures.item(0).getTextContent().contains("got:      DENY by team/no-secret-deletes"));
        NodeList errors = doc.getElementsByTagName("error");
        assertEquals(1, errors.getLength());
        assertTrue(((Element) errors.item(0)).getAttribute("message").contains("\"cases\" must be a non-empty list"));
    }

    @Test
    void noCaseFiles_isAnInputError() {
        Run r = run("", "test", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no *.cases.yaml files in " + dir), r.err());
    }
}
