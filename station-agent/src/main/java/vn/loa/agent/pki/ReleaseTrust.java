package vn.loa.agent.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import vn.loa.protocol.release.ReleaseSignature;

/**
 * The one key this station accepts releases signed by, in {@code <data>/pki/release-key.der}: learnt at
 * enrollment or, for a station enrolled before, from the first {@code ReleaseKey} its controller sends over
 * the mutual-TLS link. A different key later is refused (a rotation is done by hand; docs/updates.md).
 */
public final class ReleaseTrust {
    /** What became of a key the controller named. */
    public enum Outcome { STORED, SAME, MISMATCH, MALFORMED }

    private final Path file;

    public ReleaseTrust(Path dataDir) {
        this.file = dataDir.resolve("pki").resolve("release-key.der");
    }

    public Optional<PublicKey> key() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReleaseSignature.decode(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 public key: delete it and reconnect, or re-enroll", e);
        }
    }

    /** Stores {@code der} in place of any key held: only enrollment, whose answer the token proves, does this. */
    public void replace(byte[] der) throws IOException {
        ReleaseSignature.decode(der);
        Files.deleteIfExists(file);
        if (offer(der) != Outcome.STORED) {
            throw new IOException("could not store the release key in " + file);
        }
    }

    /** Stores {@code der} when no key is held; compares it otherwise. */
    public Outcome offer(byte[] der) throws IOException {
        try {
            ReleaseSignature.decode(der);
        } catch (IllegalArgumentException e) {
            return Outcome.MALFORMED;
        }
        if (Files.exists(file)) {
            return Arrays.equals(Files.readAllBytes(file), der) ? Outcome.SAME : Outcome.MISMATCH;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, der);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Outcome.STORED;
    }
}
