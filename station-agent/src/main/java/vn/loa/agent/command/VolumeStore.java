package vn.loa.agent.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.loa.agent.store.AtomicFiles;

/** The station volume set remotely, kept across restarts in {@code volume.txt} (written atomically). */
public final class VolumeStore {
    public static final int DEFAULT_PERCENT = 100;

    private final Path file;

    public VolumeStore(Path dataDir) {
        this.file = dataDir.resolve("volume.txt");
    }

    /** The stored volume; the default when none was set or the file is unreadable. */
    public int load() throws IOException {
        if (!Files.exists(file)) {
            return DEFAULT_PERCENT;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            int v = Integer.parseInt(text);
            if (v < 0 || v > 100) {
                throw new IOException(file + " holds " + v + ", not a volume 0..100");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a volume", e);
        }
    }

    public void save(int percent) throws IOException {
        AtomicFiles.write(file, Integer.toString(percent).getBytes(StandardCharsets.US_ASCII));
    }
}
