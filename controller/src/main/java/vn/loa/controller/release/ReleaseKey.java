package vn.loa.controller.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.pki.KeyEncryptionKey;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.release.ReleaseSignature;

/**
 * The controller's Ed25519 release-signing key (docs/updates.md). One controller keeps it in
 * {@code <data>/pki/release-key.pem} (PKCS#8 and its public key, owner-only), made on first start; a cluster on PostgreSQL keeps
 * it in {@code release_key}, encrypted with the CA key file ({@code --ca-key-file}) like the station CA, so
 * that whichever node leads signs with the same key. Stations trust exactly this key for releases.
 */
public final class ReleaseKey {
    private static final Logger log = LoggerFactory.getLogger(ReleaseKey.class);
    static final String KEY_FILE = "release-key.pem";
    private static final byte[] AAD = "loa release_key 1".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ReleaseKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key under {@code pkiDir}, made (and written owner-only) when there is none. */
    public static ReleaseKey openOrCreate(Path pkiDir) throws IOException {
        Path file = pkiDir.resolve(KEY_FILE);
        if (Files.exists(file)) {
            ReleaseKey key = parse(Files.readString(file, StandardCharsets.US_ASCII), file);
            log.info("release key {} read from {}", key.fingerprint(), file);
            return key;
        }
        ReleaseKey key = generate();
        Files.createDirectories(pkiDir);
        Path tmp = Files.createTempFile(pkiDir, KEY_FILE, ".tmp");
        try {
            trySetOwnerOnly(tmp);
            Files.writeString(tmp, key.pem(), StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.warn("made a new release key {} in {} — back it up (owner-only): stations trust only this key for updates",
                key.fingerprint(), file);
        return key;
    }

    /** The cluster's key from {@code release_key}; the first node stores the one under {@code pkiDir} (or a new one). */
    public static ReleaseKey shared(Jdbc jdbc, KeyEncryptionKey kek, Path pkiDir, Clock clock) throws IOException {
        Optional<byte[][]> row = read(jdbc);
        if (row.isEmpty()) {
            ReleaseKey local = openOrCreate(pkiDir);
            KeyEncryptionKey.Sealed sealed = kek.seal(local.privateKey.getEncoded(), AAD);
            int inserted = jdbc.update("INSERT INTO release_key (id, public_key, key_nonce, key_ciphertext, created_at) "
                    + "VALUES (1, ?, ?, ?, ?) ON CONFLICT DO NOTHING", local.publicKeyDer(), sealed.nonce(),
                    sealed.ciphertext(), clock.instant());
            if (inserted == 1) {
                log.info("release key {} stored in the database, encrypted: every node signs with it", local.fingerprint());
                return local;
            }
            row = read(jdbc);
        }
        byte[][] r = row.orElseThrow(() -> new IOException("the release_key row vanished while this node started"));
        ReleaseKey key = of(kek.open(new KeyEncryptionKey.Sealed(r[1], r[2]), AAD), r[0]);
        log.info("release key {} read from the database", key.fingerprint());
        return key;
    }

    /** A fresh key held in memory only (tests). */
    public static ReleaseKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ReleaseSignature.ALGORITHM).generateKeyPair();
            return new ReleaseKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    public byte[] sign(String version, String sha256, long size) {
        return ReleaseSignature.sign(privateKey, version, sha256, size);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] publicKeyDer() {
        return ReleaseSignature.encode(publicKey);
    }

    public String fingerprint() {
        return ReleaseSignature.fingerprint(publicKey);
    }

    /** The file's text: the private key (PKCS#8) and, after it, the public key (X.509), both PEM. */
    private String pem() {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n" + b64.encodeToString(publicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static ReleaseKey parse(String pem, Path file) throws IOException {
        try {
            return of(block(pem, "PRIVATE KEY"), block(pem, "PUBLIC KEY"));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + " is not a release key (PEM private and public key): restore it from a backup — "
                    + e.getMessage(), e);
        }
    }

    private static byte[] block(String pem, String label) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException("no " + label + " block");
        }
        return Base64.getDecoder().decode(pem.substring(from + begin.length(), to).replaceAll("\\s", ""));
    }

    private static ReleaseKey of(byte[] privateDer, byte[] publicDer) throws IOException {
        try {
            PrivateKey priv = KeyFactory.getInstance(ReleaseSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            ReleaseKey key = new ReleaseKey(priv, ReleaseSignature.decode(publicDer));
            byte[] probe = key.sign("probe", "0".repeat(64), 1);
            if (!ReleaseSignature.verify(key.publicKey, "probe", "0".repeat(64), 1, probe)) {
                throw new IOException("the release public key does not belong to the private key: restore both from a backup");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not an Ed25519 release key: " + e.getMessage(), e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("cannot make {} owner-only on this file system", file);
        }
    }

    private static Optional<byte[][]> read(Jdbc jdbc) {
        return jdbc.queryOne("SELECT public_key, key_nonce, key_ciphertext FROM release_key WHERE id = 1",
                rs -> new byte[][] {rs.getBytes(1), rs.getBytes(2), rs.getBytes(3)});
    }
}
