package vn.loa.controller.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** Locates stored LOP files by content hash: {@code <mediaDir>/<sha256>.lop}. */
public final class MediaStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path mediaDir;

    public MediaStore(Path mediaDir) {
        this.mediaDir = Objects.requireNonNull(mediaDir, "mediaDir");
    }

    public Path mediaDir() {
        return mediaDir;
    }

    /**
     * @throws IllegalArgumentException unless {@code sha256} is exactly 64 lower-case hex characters (which rules
     *                                  out any path traversal)
     */
    public Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return mediaDir.resolve(sha256 + ".lop");
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /**
     * @return the stored file's size in bytes, or -1 if there is no such file
     * @throws UncheckedIOException if the size cannot be read for another reason
     */
    public long size(String sha256) {
        try {
            return Files.size(pathOf(sha256));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
