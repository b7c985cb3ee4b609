package dev.palisade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven built, read from a resource it filtered, never a hard-coded string. */
final class BuildVersion implements IVersionProvider {
    static final String RESOURCE = "/dev/palisade/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"palisade " + version()};
    }

    static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "(unknown: built without " + RESOURCE + ")";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(unknown)");
        } catch (IOException e) {
            return "(unknown)";
        }
    }
}
