package vn.loa.controller.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;

/**
 * Blobs in the database ({@code media_blob}, its bytes in {@code media_blob_chunk} rows of 1 MiB, so that no
 * blob is ever held whole in memory), with a local file cache in the media directory for serving: what one
 * controller node stored, another node on the same PostgreSQL database reads. A cached file is written
 * under a temporary name, checked against the blob's size and SHA-256, then renamed; the cache may be
 * deleted at any time while the controller is stopped.
 */
public final class DatabaseMediaBlobs implements MediaBlobs {
    static final int CHUNK_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMediaBlobs.class);

    private final Jdbc jdbc;
    private final Path cacheDir;

    public DatabaseMediaBlobs(Jdbc jdbc, Path cacheDir) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        LocalFiles.removeAbandoned(cacheDir, ".fetch-*.tmp");
    }

    @Override
    public Path put(String sha256, Path file) throws IOException {
        long size = Files.size(file);
        int chunks = (int) ((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
        boolean stored;
        try {
            stored = insert(sha256, file, size, chunks);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (stored) {
            LOG.info("media {} stored in the database ({} bytes, {} chunks)", sha256, size, chunks);
        }
        Files.createDirectories(cacheDir);
        Path target = MediaStore.fileName(cacheDir, sha256);
        LocalFiles.install(file, target);
        return target;
    }

    /** @return false when the blob was stored already (by this node or another) */
    private boolean insert(String sha256, Path file, long size, int chunks) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "INSERT INTO media_blob (sha256, size_bytes, chunks, created_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", sha256, size, chunks, Instant.now()) == 0) {
                return false; // stored already, by this node or another
            }
            try (InputStream in = Files.newInputStream(file);
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO media_blob_chunk (sha256, seq, data) VALUES (?, ?, ?)")) {
                byte[] buf = new byte[CHUNK_BYTES];
                for (int seq = 0; seq < chunks; seq++) {
                    int n = in.readNBytes(buf, 0, CHUNK_BYTES);
                    ps.setString(1, sha256);
                    ps.setInt(2, seq);
                    ps.setBytes(3, n == CHUNK_BYTES ? buf : Arrays.copyOf(buf, n));
                    ps.executeUpdate();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        });
    }

    @Override
    public Optional<Path> local(String sha256) throws IOException {
        Path cached = MediaStore.fileName(cacheDir, sha256);
        if (Files.isRegularFile(cached)) {
            return Optional.of(cached);
        }
        Optional<long[]> blob = jdbc.queryOne("SELECT size_bytes, chunks FROM media_blob WHERE sha256 = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, sha256);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        fetch(sha256, blob.get()[0], (int) blob.get()[1], cached);
        return Optional.of(cached);
    }

    /** Copies the blob into the cache, chunk by chunk, checking its size and hash before it gets its name. */
    private void fetch(String sha256, long size, int chunks, Path cached) throws IOException {
        Files.createDirectories(cacheDir);
        Path temp = Files.createTempFile(cacheDir, ".fetch-", ".tmp");
        try {
            MessageDigest digest = sha256();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
                for (int seq = 0; seq < chunks; seq++) {
                    int s = seq;
                    byte[] data = jdbc.queryOne("SELECT data FROM media_blob_chunk WHERE sha256 = ? AND seq = ?",
                            rs -> rs.getBytes(1), sha256, s)
                            .orElseThrow(() -> new IOException("media " + sha256 + ": chunk " + s + " of " + chunks
                                    + " is missing from the database"));
                    out.write(data);
                }
                out.flush();
                channel.force(true);
            }
            long got = Files.size(temp);
            String hash = HexFormat.of().formatHex(digest.digest());
            if (got != size || !hash.equals(sha256)) {
                throw new IOException("media " + sha256 + " in the database is damaged: " + got + " bytes (expected "
                        + size + "), SHA-256 " + hash);
            }
            LocalFiles.install(temp, cached);
            LOG.info("media {} fetched from the database into the local cache ({} bytes)", sha256, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public long size(String sha256) {
        Path cached = MediaStore.fileName(cacheDir, sha256);
        if (Files.isRegularFile(cached)) {
            try {
                return Files.size(cached);
            } catch (IOException e) {
                LOG.debug("media {}: cached file unreadable, asking the database: {}", sha256, e.toString());
            }
        }
        return jdbc.queryOne("SELECT size_bytes FROM media_blob WHERE sha256 = ?", rs -> rs.getLong(1), sha256)
                .orElse(-1L);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
