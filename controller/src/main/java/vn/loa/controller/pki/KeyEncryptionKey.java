package vn.loa.controller.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts the CA's private key in the database (AES-256-GCM, a fresh 96-bit nonce per
 * sealing). It lives outside the database: a file on each controller node, 32 random bytes written as
 * base64 ({@code head -c 32 /dev/urandom | base64 > /etc/loa/ca-key}), owner-only.
 */
public final class KeyEncryptionKey {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String source;
    private final SecureRandom random = new SecureRandom();

    KeyEncryptionKey(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalArgumentException(source + " must hold 32 bytes (base64), it holds " + key.length
                    + ": make one with `head -c 32 /dev/urandom | base64`");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.source = source;
    }

    /** Reads the base64 key from {@code file} (the --ca-key-file option). */
    public static KeyEncryptionKey fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("the CA key file " + file + " does not exist: make it on one node with "
                    + "`head -c 32 /dev/urandom | base64 > " + file + "`, chmod 600, and copy it to every node");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the CA key file " + file + " is not base64 text: " + e.getMessage(), e);
        }
        return new KeyEncryptionKey(raw, "the CA key file " + file);
    }

    /** Encrypted bytes and the nonce they were sealed with. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(byte[] plaintext, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associated);
            return new Sealed(nonce, c.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** The plaintext; an {@link IOException} naming the key file when it is the wrong key or the bytes were changed. */
    public byte[] open(Sealed sealed, byte[] associated) throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            c.updateAAD(associated);
            return c.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IOException("the CA key in the database does not open with " + source + ": every node must be "
                    + "given the same key file as the node that stored it (or the row was changed)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }
}
