package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * {@code POST /api/v1/cap} on a controller configured with a trusted certificate ({@code --cap-trust}; unsigned
 * alerts then refused): a signed alert is taken, a tampered one and an unsigned one are refused with 400 and a
 * message that says why.
 */
@Tag("e2e")
@Timeout(120)
class CapSignedIntakeApiTest {
    @TempDir
    Path dir;

    LoaController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ApiClient.Response post(ApiClient api, byte[] xml) {
        return api.send(api.builder("/api/v1/cap").header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(xml)));
    }

    @Test
    void signedAlertsAreTakenTamperedAndUnsignedOnesRefused() throws Exception {
        Path pem = dir.resolve("kttv.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(
                StandardCharsets.US_ASCII)).encodeToString(CapSignaturesTest.CENTRE.cert().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        controller = new LoaController(ControllerConfig.of(dir.resolve("controller"), 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(TestController.ADMIN_PASSWORD)
                .withCapSignatures(new CapSignatureSettings(List.of(pem), false))).start();
        ApiClient admin = new ApiClient(controller.httpPort()).login("admin", TestController.ADMIN_PASSWORD);

        byte[] signed = CapSignaturesTest.sign(CapExamples.a1(), CapSignaturesTest.CENTRE);
        ApiClient.Response taken = post(admin, signed);
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        assertThat(taken.json().get("identifier").asText()).isEqualTo("43b080713727");

        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("<severity>Severe</severity>",
                "<severity>Minor</severity>").getBytes(StandardCharsets.UTF_8);
        ApiClient.Response refused = post(admin, tampered);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("the CAP alert's XML signature does not verify: the signed content was"
                + " changed after signing (digest mismatch)");

        ApiClient.Response unsigned = post(admin, CapExamples.a1());
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.error()).contains("is not signed");
        assertThat(admin.get("/api/v1/cap").json()).hasSize(1); // refused alerts are not stored
    }
}
