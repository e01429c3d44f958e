package io.github.conv4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version Maven filtered into {@code version.properties}, so it never goes stale.
 *
 * <pre>{@code
 * VersionProvider.version(); // "0.1.0-SNAPSHOT"
 * }</pre>
 */
public final class VersionProvider implements IVersionProvider {
    /** Creates the provider (picocli instantiates it). */
    public VersionProvider() {}

    /**
     * The conv4j version.
     *
     * @return the Maven project version, or {@code "unknown"} when run from unfiltered classes
     */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The lines {@code --version} prints.
     *
     * @return conv4j and JVM versions
     */
    @Override
    public String[] getVersion() {
        return new String[] {
            "conv4j " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
