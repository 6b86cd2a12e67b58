package vn.loa.controller.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time token and what is derived from it (docs/security.md): the token is 20 random bytes in
 * base32, shown once; the controller keeps {@code token_id = SHA-256("loa-enroll-id:" + token)} to find
 * it and {@code mac_key = SHA-256("loa-enroll-mac:" + token)} to check and sign the exchange. The
 * agent's {@code EnrollmentProof} derives the same two values.
 */
final class EnrollmentSecrets {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** Eight groups of four characters, e.g. {@code K7QD-…}; dashes and case are ignored when read back. */
    String newToken() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        int chars = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (chars > 0 && chars % 4 == 0) {
                    out.append('-');
                }
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
                chars++;
            }
        }
        return out.toString();
    }

    static String normalise(String token) {
        return token == null ? "" : token.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String tokenId(String token) {
        return HexFormat.of().formatHex(sha256("loa-enroll-id:" + normalise(token)));
    }

    static String macKey(String token) {
        return HexFormat.of().formatHex(sha256("loa-enroll-mac:" + normalise(token)));
    }

    static byte[] requestMac(String macKeyHex, String csrPem) {
        return hmac(macKeyHex, "loa-enroll-request\n" + csrPem);
    }

    static byte[] responseMac(String macKeyHex, long stationId, String certificatePem, String caPem) {
        return hmac(macKeyHex, "loa-enroll-response\n" + stationId + "\n" + certificatePem + caPem);
    }

    private static byte[] hmac(String keyHex, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(keyHex), "HmacSHA256"));
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
