package dev.palisade.engine.authn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the apiserver's static credential CSV ({@code --token-auth-file}, and the old
 * {@code --basic-auth-file}): {@code secret,user,uid[,"group1,group2"]}, at least three columns,
 * quoted fields with {@code ""} escapes, leading spaces trimmed, as Go's encoding/csv reads it.
 * Blank lines and {@code #} lines are skipped; so is a line whose secret is empty (upstream
 * skips it too). Every problem names {@code file:line} and none quotes the line, which holds a
 * secret. Secrets are turned into digests at once.
 */
final class CredentialFileReader {
    private CredentialFileReader() {}

    public static List<CredentialRecord> read(Path file, String secretName) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuthnLoadException(file + ": cannot read " + secretName + " file: " + e.getClass().getSimpleName());
        }
        List<CredentialRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            List<String> fields;
            try {
                fields = fields(line);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            if (fields.size() < 3) {
                problems.add(where + ": needs at least 3 columns (" + secretName + ", user name, user uid), found " + fields.size());
                continue;
            }
            if (fields.get(0).isEmpty()) {
                continue; // upstream skips an empty secret with a warning; it can never match
            }
            if (fields.get(1).isEmpty()) {
                problems.add(where + ": the user name (column 2) is empty");
                continue;
            }
            List<String> groups = fields.size() >= 4
                    ? Arrays.stream(fields.get(3).split(",", -1)).filter(g -> !g.isEmpty()).toList()
                    : List.of();
            out.add(new CredentialRecord(SecretDigest.of(fields.get(0)), fields.get(1), fields.get(2), groups, i + 1));
        }
        if (!problems.isEmpty()) {
            throw new AuthnLoadException(problems);
        }
        return out;
    }

    /** One CSV record on one line (a quoted field may not span lines here). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++; // TrimLeadingSpace
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char ch = line.charAt(i);
                    if (ch == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(ch);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("a quoted field is not closed");
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected text after a closing quote in column " + (out.size() + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new IllegalArgumentException("bare \" in an unquoted field in column " + (out.size() + 1));
                    }
                    field.append(line.charAt(i));
                    i++;
                }
            }
            out.add(field.toString());
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }
}
