package vn.loa.protocol.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a controller's release key signs (Ed25519, the JDK's own provider) and how a station checks it: one
 * statement naming the release's version, the SHA-256 of its jar and its size, so that a signature for one
 * release never vouches for other bytes or another version. Both sides build the statement here.
 *
 * <pre>loa-agent-release-v1\n&lt;version&gt;\n&lt;sha256 lower-case hex&gt;\n&lt;size in bytes&gt;\n</pre>
 */
public final class ReleaseSignature {
    /** The algorithm name for {@link Signature} and {@link KeyFactory}. */
    public static final String ALGORITHM = "Ed25519";
    private static final String PREFIX = "loa-agent-release-v1\n";
    /** A version is a directory name on the station: letters, digits, dot, dash, plus, underscore; at most 64. */
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ReleaseSignature() {
    }

    /** True when {@code version} is safe as a directory name and in the statement. */
    public static boolean isVersion(String version) {
        return version != null && VERSION.matcher(version).matches() && !version.contains("..");
    }

    public static boolean isSha256(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches();
    }

    /** The bytes signed for a release; fails fast on a version or digest that is not well formed. */
    public static byte[] statement(String version, String sha256, long size) {
        if (!isVersion(version)) {
            throw new IllegalArgumentException("release version '" + version
                    + "': letters, digits and . _ + - only, at most 64, starting with a letter or digit");
        }
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("release sha256 '" + sha256 + "': 64 lower-case hex digits");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("release size " + size + ": must be positive");
        }
        return (PREFIX + version + "\n" + sha256 + "\n" + size + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] sign(PrivateKey key, String version, String sha256, long size) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(statement(version, sha256, size));
            return s.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the release key is not an Ed25519 private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** True only when {@code signature} is the key's signature of exactly this release. */
    public static boolean verify(PublicKey key, String version, String sha256, long size, byte[] signature) {
        if (signature == null || signature.length == 0 || !isVersion(version) || !isSha256(sha256) || size <= 0) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(statement(version, sha256, size));
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** The public key as sent on the wire and stored by the station: X.509 SubjectPublicKeyInfo (DER). */
    public static byte[] encode(PublicKey key) {
        return key.getEncoded();
    }

    public static PublicKey decode(byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the encoded public key, lower-case hex: what the console shows and a technician compares. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(key)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
