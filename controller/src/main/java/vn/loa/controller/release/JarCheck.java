package vn.loa.controller.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import vn.loa.protocol.release.ReleaseSignature;

/**
 * What an uploaded file must be to become an agent release: a jar with a manifest naming its main class; the
 * version either given or read from the manifest ({@code Implementation-Version}), and the two equal when
 * both are there.
 */
final class JarCheck {
    static final String VERSION_ATTRIBUTE = "Implementation-Version";

    private JarCheck() {
    }

    /** The release's version, after checking the jar. */
    static String version(Path jar, String given) throws ReleaseRefused {
        Attributes main;
        try (JarFile f = new JarFile(jar.toFile())) {
            if (f.getManifest() == null) {
                throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "the jar has no META-INF/MANIFEST.MF");
            }
            main = f.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "not a jar (zip) file: " + e.getMessage());
        }
        if (main.getValue(Attributes.Name.MAIN_CLASS) == null) {
            throw new ReleaseRefused(ReleaseRefused.Reason.NO_MAIN_CLASS, "the jar's manifest names no Main-Class");
        }
        String inJar = main.getValue(VERSION_ATTRIBUTE);
        String version = given == null || given.isBlank() ? inJar : given.strip();
        if (version == null) {
            throw new ReleaseRefused(ReleaseRefused.Reason.VERSION_INVALID,
                    "give the version (?version=…): the jar's manifest has no " + VERSION_ATTRIBUTE);
        }
        if (!ReleaseSignature.isVersion(version)) {
            throw new ReleaseRefused(ReleaseRefused.Reason.VERSION_INVALID, "'" + version
                    + "': letters, digits and . _ + - only, at most 64, starting with a letter or digit");
        }
        if (inJar != null && !inJar.equals(version)) {
            throw new ReleaseRefused(ReleaseRefused.Reason.VERSION_MISMATCH, "'" + version + "' differs from the jar's "
                    + VERSION_ATTRIBUTE + " '" + inJar + "'");
        }
        return version;
    }
}
