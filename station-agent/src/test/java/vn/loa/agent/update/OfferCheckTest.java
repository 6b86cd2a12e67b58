package vn.loa.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.release.ReleaseSignature;
import vn.loa.protocol.v1.UpdateOffer;

class OfferCheckTest {
    private static final KeyPair KEY = pair();
    private static final KeyPair OTHER = pair();
    private static final String SHA = "d".repeat(64);

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance(ReleaseSignature.ALGORITHM).generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UpdateOffer offer(String version, KeyPair signer) {
        byte[] sig = ReleaseSignature.sign(signer.getPrivate(), version, SHA, 1000);
        return UpdateOffer.newBuilder().setVersion(version).setSha256(SHA).setSize(1000)
                .setSignature(ByteString.copyFrom(sig)).build();
    }

    static Stream<Arguments> table() {
        UpdateOffer good = offer("2.0", KEY);
        return Stream.of(
                Arguments.of("signed by the trusted key", good, KEY.getPublic(), "1.0", false, OfferCheck.Verdict.FETCH),
                Arguments.of("signed by another key", offer("2.0", OTHER), KEY.getPublic(), "1.0", false,
                        OfferCheck.Verdict.BAD_SIGNATURE),
                Arguments.of("size changed after signing", good.toBuilder().setSize(1001).build(), KEY.getPublic(), "1.0",
                        false, OfferCheck.Verdict.BAD_SIGNATURE),
                Arguments.of("version changed after signing", good.toBuilder().setVersion("2.1").build(), KEY.getPublic(),
                        "1.0", false, OfferCheck.Verdict.BAD_SIGNATURE),
                Arguments.of("no signature", good.toBuilder().clearSignature().build(), KEY.getPublic(), "1.0", false,
                        OfferCheck.Verdict.BAD_SIGNATURE),
                Arguments.of("no key held yet", good, null, "1.0", false, OfferCheck.Verdict.NO_KEY),
                Arguments.of("a path as the version", good.toBuilder().setVersion("../../bin").build(), KEY.getPublic(),
                        "1.0", false, OfferCheck.Verdict.UNSAFE_VERSION),
                Arguments.of("not a digest", good.toBuilder().setSha256("xyz").build(), KEY.getPublic(), "1.0", false,
                        OfferCheck.Verdict.UNSAFE_VERSION),
                Arguments.of("the version running", good, KEY.getPublic(), "2.0", false,
                        OfferCheck.Verdict.ALREADY_RUNNING),
                Arguments.of("reverted here before", good, KEY.getPublic(), "1.0", true,
                        OfferCheck.Verdict.REVERTED_BEFORE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void check(String why, UpdateOffer offer, PublicKey key, String running, boolean reverted, OfferCheck.Verdict expected) {
        assertThat(OfferCheck.check(offer, key, running, reverted)).isEqualTo(expected);
    }
}
