package vn.loa.controller.pki;

import java.security.SecureRandom;

/**
 * Makes one-time enrollment tokens (docs/security.md): 20 random bytes in base32, shown once. What both
 * sides derive from a token (its id and MAC key) is the wire contract's {@link vn.loa.protocol.pki.EnrollmentProof}.
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
}
