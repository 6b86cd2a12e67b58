package vn.loa.controller.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outbox's pure decisions, table-driven: the answer's verdict, the rest after failures, the signature. */
class OutboxRulesTest {

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource({
            "200, DELIVERED", "201, DELIVERED", "202, DELIVERED", "204, DELIVERED",
            "409, DELIVERED", // the receiver already has this idempotency key
            "408, RETRY", "425, RETRY", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY",
            "400, REFUSED", "401, REFUSED", "403, REFUSED", "404, REFUSED", "413, REFUSED", "422, REFUSED",
            "301, RETRY", "302, RETRY", "100, RETRY"})
    void verdictOfAnAnswer(int status, Verdict expected) {
        assertThat(Verdict.of(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "after {0} failures: {1} s")
    @CsvSource({"0, 0", "1, 1", "2, 2", "3, 5", "4, 10", "5, 30", "6, 60", "7, 120", "8, 300", "9, 300", "1000, 300"})
    void restAfterFailures(int failures, long seconds) {
        assertThat(RetrySchedule.DEFAULT.after(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same secret and body   | s3cret-s3cret-s3cret | s3cret-s3cret-s3cret | {\"a\":1} | {\"a\":1} | true",
            "another secret         | s3cret-s3cret-s3cret | other-other-other-o  | {\"a\":1} | {\"a\":1} | false",
            "body changed           | s3cret-s3cret-s3cret | s3cret-s3cret-s3cret | {\"a\":1} | {\"a\":2} | false",
            "body with Vietnamese   | s3cret-s3cret-s3cret | s3cret-s3cret-s3cret | {\"t\":\"Bản tin\"} | {\"t\":\"Bản tin\"} | true"})
    void signature(String name, String signWith, String verifyWith, String signed, String received, boolean valid) {
        String header = Signature.sign(signWith, signed.getBytes(StandardCharsets.UTF_8));
        assertThat(header).startsWith("sha256=").hasSize(7 + 64);
        assertThat(Signature.verify(verifyWith, received.getBytes(StandardCharsets.UTF_8), header)).isEqualTo(valid);
    }

    @Test
    void aMissingOrMalformedSignatureIsRefused() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signature.verify("s3cret-s3cret-s3cret", body, null)).isFalse();
        assertThat(Signature.verify("s3cret-s3cret-s3cret", body, "md5=abc")).isFalse();
        assertThat(Signature.verify("s3cret-s3cret-s3cret", body, "sha256=zz")).isFalse();
    }

    @Test
    void theKnownHmacSha256VectorOfRfc4231() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Signature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
