package vn.loa.controller.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts the audio files of a media directory ({@code <sha256>.lop}) into another {@link MediaBlobs} — the
 * database, when a controller moves from H2 to PostgreSQL. Each file is checked against its name first;
 * the directory itself is left as it is.
 */
public final class MediaImport {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.lop");

    /** What an import did; {@code damaged}: files whose content does not match their name, not imported. */
    public record Result(int imported, long bytes, List<String> damaged) {
    }

    private MediaImport() {
    }

    public static Result fromDirectory(Path mediaDir, MediaBlobs target) throws IOException {
        if (!Files.isDirectory(mediaDir)) {
            return new Result(0, 0, List.of());
        }
        List<Path> files;
        try (var list = Files.list(mediaDir)) {
            files = list.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        int imported = 0;
        long bytes = 0;
        List<String> damaged = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String sha = name.substring(0, 64);
            // named like an ingest temporary: removed at the next start if this is cut off
            Path copy = Files.createTempFile(mediaDir, ".ingest-import-", ".tmp");
            try {
                String actual;
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha256())) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    actual = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
                }
                if (!actual.equals(sha)) {
                    damaged.add(name);
                    continue;
                }
                bytes += Files.size(copy);
                target.put(sha, copy);
                imported++;
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        return new Result(imported, bytes, List.copyOf(damaged));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
