package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Audio kept in the database (H2 here, PostgreSQL in {@link DatabaseMediaBlobsPostgresTest}): what one
 * controller node stores, another node with its own cache reads, byte for byte; a damaged blob is not served.
 */
@Timeout(60)
class DatabaseMediaBlobsTest extends DatabaseTestBase {
    @TempDir
    Path dir;

    private MediaStore node(String name) {
        Path cache = dir.resolve(name + "-" + System.nanoTime());
        return new MediaStore(cache, new DatabaseMediaBlobs(jdbc, cache));
    }

    /** A finished file as ingest leaves it: random bytes (2.5 chunks unless told), and its SHA-256. */
    private record Made(Path file, String sha256, byte[] bytes) {
    }

    private Made make(MediaStore store, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(store.mediaDir());
        Path f = Files.createTempFile(store.mediaDir(), ".ingest-", ".tmp");
        Files.write(f, bytes);
        return new Made(f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), bytes);
    }

    private long chunks(String sha) {
        return jdbc.queryOne("SELECT COUNT(*) FROM media_blob_chunk WHERE sha256 = ?", rs -> rs.getLong(1), sha).orElseThrow();
    }

    @Test
    void audioStoredByOneNodeIsReadByAnother() throws Exception {
        MediaStore first = node("first");
        Made m = make(first, DatabaseMediaBlobs.CHUNK_BYTES * 5 / 2, 1);
        Path stored = first.add(m.sha256(), m.file());
        assertThat(stored).isEqualTo(first.mediaDir().resolve(m.sha256() + ".lop"));
        assertThat(Files.exists(m.file())).as("taken").isFalse();
        assertThat(chunks(m.sha256())).isEqualTo(3);

        MediaStore second = node("second");
        assertThat(second.size(m.sha256())).isEqualTo(m.bytes().length);
        assertThat(second.exists(m.sha256())).isTrue();
        Path read = second.pathOf(m.sha256());
        assertThat(read).startsWith(second.mediaDir());
        assertThat(Files.readAllBytes(read)).isEqualTo(m.bytes());
        try (var left = Files.list(second.mediaDir())) {
            assertThat(left).as("no temporary left").containsExactly(read);
        }

        Made again = make(second, m.bytes().length, 1);
        assertThat(second.add(again.sha256(), again.file())).isEqualTo(read);
        assertThat(chunks(m.sha256())).as("stored once").isEqualTo(3);
    }

    @Test
    void smallAndEmptyAudioRoundTrip() throws Exception {
        MediaStore first = node("first");
        for (int size : new int[] {0, 1, DatabaseMediaBlobs.CHUNK_BYTES}) {
            Made m = make(first, size, size);
            first.add(m.sha256(), m.file());
            assertThat(chunks(m.sha256())).isEqualTo((size + DatabaseMediaBlobs.CHUNK_BYTES - 1) / DatabaseMediaBlobs.CHUNK_BYTES);
            MediaStore other = node("other");
            assertThat(Files.readAllBytes(other.pathOf(m.sha256()))).isEqualTo(m.bytes());
        }
    }

    @Test
    void missingAudioIsMissingEverywhere() {
        MediaStore store = node("any");
        String sha = "9".repeat(64);
        assertThat(store.exists(sha)).isFalse();
        assertThat(store.size(sha)).isEqualTo(-1);
        assertThat(store.pathOf(sha)).isEqualTo(store.mediaDir().resolve(sha + ".lop")).doesNotExist();
    }

    @Test
    void aDamagedBlobIsNotServed() throws Exception {
        MediaStore first = node("first");
        Made m = make(first, 4_000, 7);
        first.add(m.sha256(), m.file());
        jdbc.update("UPDATE media_blob_chunk SET data = ? WHERE sha256 = ?", new byte[4_000], m.sha256());

        MediaStore second = node("second");
        assertThat(second.exists(m.sha256())).isFalse();
        try (var left = Files.list(second.mediaDir())) {
            assertThat(left).as("nothing cached, no temporary left").isEmpty();
        } catch (IOException noDirectory) {
            assertThat(Files.exists(second.mediaDir())).isFalse();
        }
    }
}
