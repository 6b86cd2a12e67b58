package vn.loa.agent.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the agent derives from a one-time enrollment token (docs/security.md): an id to name it, and
 * a key to prove it holds it and to check the controller's answer. The token itself is never sent.
 */
public final class EnrollmentProof {
    private final String tokenId;
    private final byte[] macKey;

    private EnrollmentProof(String tokenId, byte[] macKey) {
        this.tokenId = tokenId;
        this.macKey = macKey;
    }

    /** Spaces, dashes and case do not matter: a token read out over the phone still works. */
    public static EnrollmentProof of(String token) {
        String t = normalise(token);
        if (t.length() < 16) {
            throw new IllegalArgumentException("the enrollment token is too short: copy all of it");
        }
        return new EnrollmentProof(HexFormat.of().formatHex(sha256("loa-enroll-id:" + t)), sha256("loa-enroll-mac:" + t));
    }

    public static String normalise(String token) {
        return token == null ? "" : token.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    public String tokenId() {
        return tokenId;
    }

    public byte[] requestMac(String csrPem) {
        return mac("loa-enroll-request\n" + csrPem);
    }

    public byte[] responseMac(long stationId, String certificatePem, String caPem) {
        return mac("loa-enroll-response\n" + stationId + "\n" + certificatePem + caPem);
    }

    public boolean verifyResponse(long stationId, String certificatePem, String caPem, byte[] mac) {
        return MessageDigest.isEqual(responseMac(stationId, certificatePem, caPem), mac);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
