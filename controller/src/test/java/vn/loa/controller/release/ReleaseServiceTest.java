package vn.loa.controller.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.release.ReleaseSignature;
import vn.loa.testsupport.FakeClock;

@Timeout(60)
class ReleaseServiceTest {
    @TempDir
    Path dir;

    private Database db;
    private ReleaseService service;
    private MediaStore media;
    private ReleaseKey key;
    private long alice;
    private long bob;

    @BeforeEach
    void open() throws IOException {
        db = Database.openH2(dir.resolve("data"));
        Jdbc jdbc = new Jdbc(db);
        alice = jdbc.insert("INSERT INTO account (username, password_hash, role, created_at) VALUES ('alice', 'h', 'ADMIN', ?)",
                Instant.now());
        bob = jdbc.insert("INSERT INTO account (username, password_hash, role, created_at) VALUES ('bob', 'h', 'ADMIN', ?)",
                Instant.now());
        media = new MediaStore(Files.createDirectories(dir.resolve("media")));
        key = ReleaseKey.openOrCreate(dir.resolve("pki"));
        service = new ReleaseService(new ReleaseRepository(jdbc), media, key, new FakeClock(Instant.now()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A runnable-looking jar whose manifest names {@code version} (none when null). */
    static Path jar(Path dir, String name, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "vn.loa.agent.cli.AgentCommand");
        if (version != null) {
            m.getMainAttributes().put(new Attributes.Name(JarCheck.VERSION_ATTRIBUTE), version);
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new ZipEntry("hello.txt"));
            jar.write(("agent " + version).getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void aReleaseIsSignedOnlyAfterASecondAdminApprovesIt() throws Exception {
        AgentRelease up = service.upload(jar(dir, "a.jar", "1.5.0"), null, "first", alice);

        assertThat(up.state()).isEqualTo(ReleaseState.PENDING_APPROVAL);
        assertThat(up.signed()).isFalse();
        assertThat(media.exists(up.sha256())).as("served from the blob store").isTrue();
        assertThat(media.size(up.sha256())).isEqualTo(up.size());

        assertThatThrownBy(() -> service.approve(up.id(), alice)).isInstanceOfSatisfying(ReleaseRefused.class,
                e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.OWN_UPLOAD));

        AgentRelease approved = service.approve(up.id(), bob);
        assertThat(approved.state()).isEqualTo(ReleaseState.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo(bob);
        assertThat(ReleaseSignature.verify(key.publicKey(), "1.5.0", up.sha256(), up.size(), approved.signature())).isTrue();

        assertThatThrownBy(() -> service.approve(up.id(), bob)).isInstanceOfSatisfying(ReleaseRefused.class,
                e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.NOT_PENDING));
    }

    @Test
    void anUploadThatIsNotAnAgentJarIsRefusedWithItsReason() throws Exception {
        Path text = Files.writeString(dir.resolve("x.jar"), "not a zip");
        assertThatThrownBy(() -> service.upload(text, "1.0", null, alice)).isInstanceOfSatisfying(ReleaseRefused.class,
                e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.NOT_A_JAR));
        assertThat(text).as("the upload's temporary file is not left behind").doesNotExist();

        assertThatThrownBy(() -> service.upload(jar(dir, "b.jar", null), null, null, alice))
                .isInstanceOfSatisfying(ReleaseRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.VERSION_INVALID));
        assertThatThrownBy(() -> service.upload(jar(dir, "c.jar", "2.0"), "2.1", null, alice))
                .isInstanceOfSatisfying(ReleaseRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.VERSION_MISMATCH));
        assertThatThrownBy(() -> service.upload(jar(dir, "d.jar", null), "../../bin", null, alice))
                .isInstanceOfSatisfying(ReleaseRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.VERSION_INVALID));

        service.upload(jar(dir, "e.jar", null), "3.0", null, alice);
        assertThatThrownBy(() -> service.upload(jar(dir, "f.jar", "3.0"), null, null, bob))
                .isInstanceOfSatisfying(ReleaseRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefused.Reason.VERSION_EXISTS));
        assertThat(service.list()).extracting(AgentRelease::version).containsExactly("3.0");
    }

    @Test
    void theReleaseKeyIsKeptAcrossRestartsOwnerOnly() throws Exception {
        ReleaseKey again = ReleaseKey.openOrCreate(dir.resolve("pki"));

        assertThat(again.fingerprint()).isEqualTo(key.fingerprint());
        assertThat(Files.getPosixFilePermissions(dir.resolve("pki").resolve(ReleaseKey.KEY_FILE)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        byte[] sig = again.sign("1.0", "c".repeat(64), 10);
        assertThat(ReleaseSignature.verify(key.publicKey(), "1.0", "c".repeat(64), 10, sig)).isTrue();
    }
}
