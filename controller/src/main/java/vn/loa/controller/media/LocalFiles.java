package vn.loa.controller.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts a finished, fsynced file into the media directory under its final name, atomically and durably. */
final class LocalFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFiles.class);

    private LocalFiles() {
    }

    /** Moves {@code temp} to {@code target}, or deletes it when {@code target} is there already (same content). */
    static void install(Path temp, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            Files.delete(temp);
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the media directory does not support atomic renames: " + target.getParent(), e);
        }
        syncDirectory(target.getParent());
    }

    /** Makes the rename durable; not every platform can open a directory, so this is best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync media directory {}: {}", dir, e.toString());
        }
    }

    /** Removes temporaries matching {@code glob} left by a process that was cut off. */
    static void removeAbandoned(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                LOG.info("removed {}, left by a write that was cut off", f.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("cannot remove abandoned temporary files in {}: {}", dir, e.toString());
        }
    }
}
