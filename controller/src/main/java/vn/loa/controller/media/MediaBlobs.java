package vn.loa.controller.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where stored audio lives: content-addressed blobs, named by the SHA-256 of their bytes. Every write and
 * read of stored media goes through one of these (behind {@link MediaStore}): {@link FileMediaBlobs} keeps
 * them as files in the media directory (one controller, the default on H2); {@link DatabaseMediaBlobs}
 * keeps them in the database with the media directory as a local cache, so that another controller on
 * the same PostgreSQL database reads what this one wrote.
 *
 * <p>Calls block (disk, database): never on an event loop.
 */
public interface MediaBlobs {

    /**
     * Stores {@code file}, whose SHA-256 the caller computed, and takes it: afterwards it is moved to
     * where it is served from, or deleted when the blob was stored already.
     *
     * @return where the blob can be read on this machine
     */
    Path put(String sha256, Path file) throws IOException;

    /** The blob as a file on this machine (fetched into the cache first when it is kept elsewhere); empty if none. */
    Optional<Path> local(String sha256) throws IOException;

    /** The blob's size in bytes, or -1 when there is no such blob. */
    long size(String sha256) throws IOException;
}
