package vn.loa.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The enrollment proof against digests computed independently (Python's hashlib and hmac). */
class EnrollmentProofTest {
    private static final String TOKEN = "k7qd-abcd-efgh 2345-ijkl-mnop-qrst-uvwx";
    private static final String TOKEN_ID = "75845c26c5dcc49bfc3cdab84d9c687876801371727ba83ebf9356ece3e1c91a";
    private static final String MAC_KEY = "1287cbe034718e33f7932adac3cfc1754da1b06ceac8021fa991d5a8913d951d";
    private static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nX\n";
    private static final String REQUEST_MAC = "d0d706632b16b13d45e512be84d811fb065d2097af9ad26bf90158926c06146a";
    private static final String RESPONSE_MAC = "146cf3011b84abcdc6e0b82c33cacf9c156c5d944a5fb221463f52bd2168da81";

    @Test
    void derivesTheTokenIdAndKeyWhateverTheSpacingAndCase() {
        EnrollmentProof proof = EnrollmentProof.of(TOKEN);
        assertThat(proof.tokenId()).isEqualTo(TOKEN_ID);
        assertThat(proof.macKeyHex()).isEqualTo(MAC_KEY);
        assertThat(EnrollmentProof.of("K7QDABCDEFGH2345IJKLMNOPQRSTUVWX").tokenId()).isEqualTo(TOKEN_ID);
    }

    @Test
    void bothSidesSignTheSameRequestAndAnswer() {
        EnrollmentProof agent = EnrollmentProof.of(TOKEN);
        EnrollmentProof controller = EnrollmentProof.ofStoredKey(TOKEN_ID, MAC_KEY);
        assertThat(HexFormat.of().formatHex(agent.requestMac(CSR))).isEqualTo(REQUEST_MAC);
        assertThat(controller.verifyRequest(CSR, agent.requestMac(CSR))).isTrue();
        assertThat(controller.verifyRequest(CSR + " ", agent.requestMac(CSR))).isFalse();
        byte[] answer = controller.responseMac(7, "CERT", "CA");
        assertThat(HexFormat.of().formatHex(answer)).isEqualTo(RESPONSE_MAC);
        assertThat(agent.verifyResponse(7, "CERT", "CA", answer)).isTrue();
        assertThat(agent.verifyResponse(8, "CERT", "CA", answer)).isFalse();
    }

    @Test
    void refusesAShortTokenAndAMalformedKey() {
        assertThatThrownBy(() -> EnrollmentProof.of("ABCD-EFGH")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> EnrollmentProof.ofStoredKey(TOKEN_ID, "abcd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
