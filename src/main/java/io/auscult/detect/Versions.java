package io.auscult.detect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions recorded in a model's provenance. */
public final class Versions {

    private Versions() {
    }

    /** Auscult's version from its jar, or "development" when run from classes. */
    public static String auscult() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The ND4J version on the class path, from its Maven metadata. */
    public static String nd4j() {
        try (InputStream in = Versions.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
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
}
