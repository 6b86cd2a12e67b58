package vn.loa.protocol.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseSignatureTest {
    private static final String SHA = "a".repeat(64);

    private static KeyPair pair() throws NoSuchAlgorithmException {
        return KeyPairGenerator.getInstance(ReleaseSignature.ALGORITHM).generateKeyPair();
    }

    @Test
    void aSignatureVerifiesForExactlyItsRelease() throws Exception {
        KeyPair key = pair();
        byte[] sig = ReleaseSignature.sign(key.getPrivate(), "1.4.0", SHA, 1234);

        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.0", SHA, 1234, sig)).isTrue();
        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.1", SHA, 1234, sig)).as("other version").isFalse();
        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.0", "b".repeat(64), 1234, sig)).as("other bytes").isFalse();
        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.0", SHA, 1235, sig)).as("other size").isFalse();
        assertThat(ReleaseSignature.verify(pair().getPublic(), "1.4.0", SHA, 1234, sig)).as("other key").isFalse();
        sig[3] ^= 1;
        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.0", SHA, 1234, sig)).as("flipped bit").isFalse();
        assertThat(ReleaseSignature.verify(key.getPublic(), "1.4.0", SHA, 1234, new byte[0])).isFalse();
    }

    @Test
    void thePublicKeyRoundTripsThroughItsWireForm() throws Exception {
        KeyPair key = pair();
        byte[] der = ReleaseSignature.encode(key.getPublic());

        assertThat(ReleaseSignature.decode(der)).isEqualTo(key.getPublic());
        assertThat(ReleaseSignature.fingerprint(key.getPublic())).hasSize(64);
        assertThatThrownBy(() -> ReleaseSignature.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
    }

    static Stream<Arguments> versions() {
        return Stream.of(Arguments.of("1.4.0", true), Arguments.of("2026.12.7-rc1+pi", true),
                Arguments.of("v2_b", true), Arguments.of("", false), Arguments.of("../etc", false),
                Arguments.of("1..2", false), Arguments.of(".hidden", false), Arguments.of("a/b", false),
                Arguments.of("a b", false), Arguments.of("x".repeat(65), false), Arguments.of(null, false));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void onlyVersionsSafeAsADirectoryNameAreAccepted(String version, boolean ok) {
        assertThat(ReleaseSignature.isVersion(version)).isEqualTo(ok);
    }

    @Test
    void aMalformedReleaseIsRefusedBeforeSigning() throws Exception {
        KeyPair key = pair();
        assertThatThrownBy(() -> ReleaseSignature.sign(key.getPrivate(), "../x", SHA, 1))
                .hasMessageContaining("release version");
        assertThatThrownBy(() -> ReleaseSignature.sign(key.getPrivate(), "1", "ABC", 1)).hasMessageContaining("sha256");
        assertThatThrownBy(() -> ReleaseSignature.sign(key.getPrivate(), "1", SHA, 0)).hasMessageContaining("size");
    }
}
