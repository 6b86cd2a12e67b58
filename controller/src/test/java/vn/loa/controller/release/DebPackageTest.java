package vn.loa.controller.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent jar taken out of a loa-agent .deb (data.tar plain, gzip or xz); anything else refused with why. */
class DebPackageTest {
    private static final byte[] JAR = "PK\u0003\u0004 the agent jar".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"data.tar", "data.tar.gz", "data.tar.xz"})
    void theAgentJarIsTakenOutOfThePackage(String dataName) throws Exception {
        Path deb = deb(dataName, Map.of("./usr/bin/loa-agent", "#!/bin/sh".getBytes(StandardCharsets.US_ASCII),
                "./" + DebPackage.AGENT_JAR, JAR));
        assertThat(DebPackage.looksLikeDeb(deb)).isTrue();
        Path jar = dir.resolve("out.jar");
        DebPackage.extractAgentJar(deb, jar);
        assertThat(Files.readAllBytes(jar)).isEqualTo(JAR);
    }

    @Test
    void aPackageWithoutTheAgentJarIsRefused() throws Exception {
        Path deb = deb("data.tar.gz", Map.of("./usr/share/loa/loa-controller.jar", JAR));
        assertThatThrownBy(() -> DebPackage.extractAgentJar(deb, dir.resolve("out.jar"))).isInstanceOf(ReleaseRefused.class)
                .hasMessageContaining("the Debian package has no usr/share/loa-agent/loa-agent.jar: is it the loa-agent package?");
    }

    @Test
    void anUnreadableCompressionIsRefusedNamingTheWayOut() throws Exception {
        Path deb = deb("data.tar.zst", Map.of());
        assertThatThrownBy(() -> DebPackage.extractAgentJar(deb, dir.resolve("out.jar"))).isInstanceOf(ReleaseRefused.class)
                .hasMessageContaining("data.tar.zst is compressed in a way the controller does not read");
    }

    @Test
    void aJarIsNotADeb() throws Exception {
        Path jar = Files.write(dir.resolve("a.jar"), JAR);
        assertThat(DebPackage.looksLikeDeb(jar)).isFalse();
    }

    /** A .deb as dpkg-deb and jdeb make it: debian-binary, control.tar.gz, then the data archive. */
    private Path deb(String dataName, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (OutputStream compressed = dataName.endsWith(".gz") ? new GzipCompressorOutputStream(tarBytes)
                : dataName.endsWith(".xz") ? new XZCompressorOutputStream(tarBytes) : tarBytes;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            for (var f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        Path deb = dir.resolve("loa-agent_2.1.0_all.deb");
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
            add(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            add(ar, "control.tar.gz", new byte[] {0x1f, (byte) 0x8b});
            add(ar, dataName, tarBytes.toByteArray());
        }
        return deb;
    }

    private static void add(ArArchiveOutputStream ar, String name, byte[] bytes) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, bytes.length));
        ar.write(bytes);
        ar.closeArchiveEntry();
    }
}
