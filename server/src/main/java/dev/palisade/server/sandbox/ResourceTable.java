package dev.palisade.server.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in resources of Kubernetes, read from {@code resources.tsv} (derived from the
 * Kubernetes OpenAPI v2 document by the test-scope {@code ResourceTableGenerator}; see its javadoc).
 */
public final class ResourceTable {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private final List<ApiResource> resources;
    private final Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();

    public ResourceTable(List<ApiResource> resources) {
        this.resources = List.copyOf(resources);
        for (ApiResource r : resources) {
            byGroupVersion.computeIfAbsent(r.groupVersion(), k -> new ArrayList<>()).add(r);
        }
    }

    /** The table shipped with the server. */
    public static ResourceTable builtIn() {
        try (InputStream in = ResourceTable.class.getResourceAsStream("resources.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resources.tsv is missing from the server jar");
            }
            List<ApiResource> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new ApiResource(f[0], f[1], f[2], f[3], Boolean.parseBoolean(f[4]), Arrays.asList(f[5].split(","))));
            }
            return new ResourceTable(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ApiResource> all() {
        return resources;
    }

    /** The resources of {@code groupVersion} ({@code v1} or {@code apps/v1}); empty when unknown. */
    public List<ApiResource> inGroupVersion(String groupVersion) {
        return byGroupVersion.getOrDefault(groupVersion, List.of());
    }

    public Optional<ApiResource> find(String group, String version, String plural) {
        return inGroupVersion(group.isEmpty() ? version : group + "/" + version).stream()
                .filter(r -> r.plural().equals(plural)).findFirst();
    }

    /** The named groups (not the core one), each with its versions, the preferred (most stable, newest) first. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ApiResource r : resources) {
            if (!r.group().isEmpty()) {
                List<String> versions = out.computeIfAbsent(r.group(), k -> new ArrayList<>());
                if (!versions.contains(r.version())) {
                    versions.add(r.version());
                }
            }
        }
        out.values().forEach(v -> v.sort(PREFERENCE));
        return out;
    }

    /** Kubernetes' version priority: GA over beta over alpha, then the higher number. */
    static final Comparator<String> PREFERENCE = Comparator.comparingInt(ResourceTable::rank).reversed();

    private static int rank(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        int stability = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return stability * 1_000_000 + major * 1000 + minor;
    }
}
