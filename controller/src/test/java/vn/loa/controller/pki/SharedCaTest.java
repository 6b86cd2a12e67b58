package vn.loa.controller.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.DatabaseTestBase;

/** Two nodes on one database share one station CA, its key encrypted with a key file outside the database. */
class SharedCaTest extends DatabaseTestBase {
    @TempDir
    Path dir;

    @BeforeEach
    void noStoredCa() {
        jdbc.update("DELETE FROM ca_key");
    }

    private Path keyFile(String name, byte fill) throws Exception {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, fill);
        Path f = dir.resolve(name);
        Files.writeString(f, Base64.getEncoder().encodeToString(raw) + "\n");
        return f;
    }

    @Test
    void theSecondNodeUsesTheCaTheFirstStoredAndTheKeyIsNotInClear() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.fromFile(keyFile("ca-key", (byte) 7));
        CertificateAuthority first = SharedCa.open(jdbc, kek, dir.resolve("node-a/pki"), Clock.systemUTC());
        CertificateAuthority second = SharedCa.open(jdbc, kek, dir.resolve("node-b/pki"), Clock.systemUTC());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());

        byte[] stored = jdbc.queryOne("SELECT key_ciphertext FROM ca_key", rs -> rs.getBytes(1)).orElseThrow();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        byte[] der = first.privateKey().getEncoded();
        assertThat(indexOf(stored, java.util.Arrays.copyOfRange(der, der.length - 16, der.length))).isNegative();
    }

    @Test
    void aNodeWithAnotherKeyFileIsToldSoAndDoesNotStart() throws Exception {
        SharedCa.open(jdbc, KeyEncryptionKey.fromFile(keyFile("right", (byte) 1)), dir.resolve("a/pki"), Clock.systemUTC());
        Path wrong = keyFile("wrong", (byte) 2);
        assertThatThrownBy(() -> SharedCa.open(jdbc, KeyEncryptionKey.fromFile(wrong), dir.resolve("b/pki"),
                Clock.systemUTC())).hasMessageContaining("does not open with the CA key file " + wrong)
                .hasMessageContaining("same key file");
    }

    @Test
    void aKeyFileMustHold32Base64Bytes() throws Exception {
        Path shortKey = dir.resolve("short");
        Files.writeString(shortKey, Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> KeyEncryptionKey.fromFile(shortKey)).hasMessageContaining("32 bytes")
                .hasMessageContaining("head -c 32 /dev/urandom | base64");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> KeyEncryptionKey.fromFile(missing)).hasMessageContaining("does not exist");
        Path notBase64 = dir.resolve("text");
        Files.writeString(notBase64, "not base64 at all!");
        assertThatThrownBy(() -> KeyEncryptionKey.fromFile(notBase64)).hasMessageContaining("not base64");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
