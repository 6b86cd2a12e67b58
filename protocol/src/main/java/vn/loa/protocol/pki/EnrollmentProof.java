package vn.loa.protocol.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What both sides derive from a one-time enrollment token (docs/security.md#enrollment), part of the wire
 * contract of {@code POST /api/v1/enroll}: {@code token_id = SHA-256("loa-enroll-id:" + token)} names the
 * token, {@code mac_key = SHA-256("loa-enroll-mac:" + token)} signs the request (over the CSR) and the
 * answer (over the station id and the certificates). The token itself is never sent. The agent derives both
 * from the token it was given ({@link #of}); the controller keeps only the two digests and rebuilds the
 * proof from them ({@link #ofStoredKey}).
 */
public final class EnrollmentProof {
    private final String tokenId;
    private final byte[] macKey;

    private EnrollmentProof(String tokenId, byte[] macKey) {
        this.tokenId = tokenId;
        this.macKey = macKey;
    }

    /** From the token. Spaces, dashes and case do not matter: a token read out over the phone still works. */
    public static EnrollmentProof of(String token) {
        String t = normalise(token);
        if (t.length() < 16) {
            throw new IllegalArgumentException("the enrollment token is too short: copy all of it");
        }
        return new EnrollmentProof(HexFormat.of().formatHex(sha256("loa-enroll-id:" + t)), sha256("loa-enroll-mac:" + t));
    }

    /** From the digests the controller stored when it issued the token (both lower-case hex). */
    public static EnrollmentProof ofStoredKey(String tokenId, String macKeyHex) {
        byte[] key = HexFormat.of().parseHex(macKeyHex);
        if (key.length != 32) {
            throw new IllegalArgumentException("an enrollment MAC key has 32 bytes, got " + key.length);
        }
        return new EnrollmentProof(tokenId, key);
    }

    public static String normalise(String token) {
        return token == null ? "" : token.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** The token's name: 64 lower-case hex digits. */
    public String tokenId() {
        return tokenId;
    }

    /** The MAC key as the controller stores it: 64 lower-case hex digits. */
    public String macKeyHex() {
        return HexFormat.of().formatHex(macKey);
    }

    public byte[] requestMac(String csrPem) {
        return mac("loa-enroll-request\n" + csrPem);
    }

    public boolean verifyRequest(String csrPem, byte[] mac) {
        return MessageDigest.isEqual(requestMac(csrPem), mac);
    }

    public byte[] responseMac(long stationId, String certificatePem, String caPem) {
        return mac("loa-enroll-response\n" + stationId + "\n" + certificatePem + caPem);
    }

    public boolean verifyResponse(long stationId, String certificatePem, String caPem, byte[] mac) {
        return MessageDigest.isEqual(responseMac(stationId, certificatePem, caPem), mac);
    }

    /** Proof of the release-signing key sent at enrollment (EnrollResponse field 61, docs/updates.md). */
    public byte[] releaseKeyMac(byte[] releasePublicKey) {
        return mac("loa-enroll-release-key\n" + HexFormat.of().formatHex(releasePublicKey));
    }

    public boolean verifyReleaseKey(byte[] releasePublicKey, byte[] mac) {
        return releasePublicKey.length > 0 && MessageDigest.isEqual(releaseKeyMac(releasePublicKey), mac);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK: " + e.getMessage(), e);
        }
    }
}
