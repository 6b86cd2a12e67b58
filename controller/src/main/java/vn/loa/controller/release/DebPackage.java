package vn.loa.controller.release;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The agent jar inside a {@code loa-agent_<version>_all.deb} (docs/updates.md#releases): the package is an ar
 * archive whose {@code data.tar} (plain, gzip or xz) holds {@code ./usr/share/loa-agent/loa-agent.jar}. Only that
 * entry is read, into a file of its own; nothing of the package is installed or run.
 */
public final class DebPackage {
    /** The jar's path in the package, as the packaged unit runs it. */
    public static final String AGENT_JAR = "usr/share/loa-agent/loa-agent.jar";
    /** Far above an agent jar (about 20 MB): the bound on what a package may unpack to. */
    static final long MAX_JAR_BYTES = 256L << 20;
    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private DebPackage() {
    }

    /** Whether the file starts like a Debian package (an ar archive). */
    public static boolean looksLikeDeb(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(AR_MAGIC.length), AR_MAGIC);
        }
    }

    /**
     * Copies the agent jar out of the package into {@code jar}.
     *
     * @throws ReleaseRefused NOT_A_JAR when the package has no data archive, an unsupported compression, or no
     *                        agent jar (with what it has instead)
     */
    public static void extractAgentJar(Path deb, Path jar) throws IOException, ReleaseRefused {
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                if (!name.startsWith("data.tar")) {
                    continue;
                }
                InputStream data = switch (name) {
                    case "data.tar" -> ar;
                    case "data.tar.gz" -> new GzipCompressorInputStream(ar);
                    case "data.tar.xz" -> new XZCompressorInputStream(ar);
                    default -> throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "the package's " + name
                            + " is compressed in a way the controller does not read (gzip, xz or none): upload the jar "
                            + "(" + AGENT_JAR + " inside it) instead");
                };
                copyJar(new TarArchiveInputStream(data), jar);
                return;
            }
        } catch (IOException e) {
            throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "not a readable Debian package: " + e.getMessage());
        }
        throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "the Debian package has no data.tar archive");
    }

    private static void copyJar(TarArchiveInputStream tar, Path jar) throws IOException, ReleaseRefused {
        TarArchiveEntry t;
        while ((t = tar.getNextEntry()) != null) {
            String name = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
            if (t.isFile() && name.equals(AGENT_JAR)) {
                if (t.getSize() > MAX_JAR_BYTES) {
                    // the tar header's size is all the stream gives: a small package cannot unpack into a huge file
                    throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "the package's " + AGENT_JAR + " is "
                            + (t.getSize() >> 20) + " MiB; an agent jar is at most " + (MAX_JAR_BYTES >> 20) + " MiB");
                }
                Files.copy(tar, jar, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
        }
        throw new ReleaseRefused(ReleaseRefused.Reason.NOT_A_JAR, "the Debian package has no " + AGENT_JAR
                + ": is it the loa-agent package?");
    }
}
