package vn.loa.controller.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored LOP files by content hash: every write and read of stored audio goes through here, to the
 * {@link MediaBlobs} that keeps them — files in {@code <mediaDir>/<sha256>.lop} (the default), or the
 * database with {@code mediaDir} as the local cache. Calls may block on the disk or the database.
 */
public final class MediaStore {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path mediaDir;
    private final MediaBlobs blobs;

    /** Audio as files in {@code mediaDir}. */
    public MediaStore(Path mediaDir) {
        this(mediaDir, new FileMediaBlobs(mediaDir));
    }

    /**
     * @param mediaDir where the audio is read from on this machine (with {@link DatabaseMediaBlobs}: its cache),
     *                 and where ingest writes its temporary files
     */
    public MediaStore(Path mediaDir, MediaBlobs blobs) {
        this.mediaDir = Objects.requireNonNull(mediaDir, "mediaDir");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    public Path mediaDir() {
        return mediaDir;
    }

    public MediaBlobs blobs() {
        return blobs;
    }

    /**
     * The audio's file on this machine, fetched into the local cache first when it is kept in the database.
     * When there is no such audio (or it cannot be fetched: logged) the path names a file that does not exist.
     *
     * @throws IllegalArgumentException unless {@code sha256} is exactly 64 lower-case hex characters (which rules
     *                                  out any path traversal)
     */
    public Path pathOf(String sha256) {
        Path file = fileName(mediaDir, sha256);
        try {
            return blobs.local(sha256).orElse(file);
        } catch (IOException | RuntimeException e) {
            LOG.error("media {}: cannot be read from its store: {}", sha256, e.toString(), e);
            return file;
        }
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /**
     * @return the stored audio's size in bytes, or -1 if there is no such audio
     * @throws UncheckedIOException if the size cannot be read for another reason
     */
    public long size(String sha256) {
        fileName(mediaDir, sha256);
        try {
            return blobs.size(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores a finished file whose SHA-256 is {@code sha256} and takes it (moved, or deleted when the same
     * audio is stored already).
     *
     * @return the stored audio's file on this machine
     */
    public Path add(String sha256, Path file) throws IOException {
        fileName(mediaDir, sha256);
        return blobs.put(sha256, file);
    }

    /** {@code dir/<sha256>.lop}, after checking that {@code sha256} is one. */
    static Path fileName(Path dir, String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return dir.resolve(sha256 + ".lop");
    }
}
