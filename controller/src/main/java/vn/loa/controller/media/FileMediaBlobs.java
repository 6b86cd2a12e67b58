package vn.loa.controller.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Blobs as files {@code <dir>/<sha256>.lop}: one controller, its audio on its own disk (the default on H2). */
public final class FileMediaBlobs implements MediaBlobs {
    private final Path dir;

    public FileMediaBlobs(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    @Override
    public Path put(String sha256, Path file) throws IOException {
        Path target = MediaStore.fileName(dir, sha256);
        Files.createDirectories(dir);
        LocalFiles.install(file, target);
        return target;
    }

    @Override
    public Optional<Path> local(String sha256) {
        Path file = MediaStore.fileName(dir, sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public long size(String sha256) throws IOException {
        try {
            return Files.size(MediaStore.fileName(dir, sha256));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }
}
