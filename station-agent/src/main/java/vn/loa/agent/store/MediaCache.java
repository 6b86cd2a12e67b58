package vn.loa.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Audio files by their sha256: {@code cache/<sha256>.lop} once complete and verified,
 * {@code cache/<sha256>.part} while a transfer is in progress (its size is where a transfer resumes).
 */
public final class MediaCache {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    public MediaCache(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("cache");
        Files.createDirectories(dir);
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    public Path complete(String sha256) {
        return dir.resolve(checked(sha256) + ".lop");
    }

    public boolean has(String sha256) {
        return Files.isRegularFile(complete(sha256));
    }

    public long partialSize(String sha256) throws IOException {
        Path part = partial(sha256);
        return Files.exists(part) ? Files.size(part) : 0;
    }

    /** Appends a chunk at {@code offset}, which must be the current partial size. */
    public void append(String sha256, long offset, ByteBuffer data) throws IOException {
        Path part = partial(sha256);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() != offset) {
                throw new IOException("chunk at offset " + offset + " but " + ch.size() + " bytes are held");
            }
            ch.position(offset);
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }
    }

    /**
     * Verifies the partial file against its name and makes it available.
     *
     * @return true when verified; false when the content did not match (the partial is deleted)
     */
    public boolean complete(String sha256, long expectedSize) throws IOException {
        Path part = partial(sha256);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (Files.size(part) != expectedSize || !sha256Of(part).equals(sha256)) {
            Files.deleteIfExists(part);
            return false;
        }
        AtomicFiles.moveAtomically(part, complete(sha256));
        return true;
    }

    public void discardPartial(String sha256) throws IOException {
        Files.deleteIfExists(partial(sha256));
    }

    public static String sha256Of(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Path partial(String sha256) {
        return dir.resolve(checked(sha256) + ".part");
    }

    private static String checked(String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return sha256;
    }
}
