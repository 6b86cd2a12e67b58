package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * A CAP alert whose {@code resource} is audio, posted to a real controller: the file, served by a real HTTP server
 * in the test and allowed by the outbound policy ({@code --relay-allow 127.0.0.1}), is fetched, its digest checked,
 * decoded and played instead of speech; a dead link with no text to speak is refused with the reason; a refused
 * address falls back to the spoken text, the reason recorded with the alert (needs espeak-ng).
 */
@Tag("e2e")
@Timeout(120)
class CapResourceAudioEndToEndTest {
    static final byte[] WAV = TestWav.tone(16000, 1.0);

    @TempDir
    Path dir;

    HttpServer files;
    TestController controller;
    ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/alert.wav", x -> {
            x.getResponseHeaders().set("Content-Type", "audio/wav");
            x.sendResponseHeaders(200, WAV.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(WAV);
            }
        });
        files.start();
        controller = TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
        admin = controller.admin();
        long province = admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE", "code", "20"))
                .json().get("id").asLong();
        long commune = admin.post("/api/v1/areas", Map.of("name", "Phường Chi Lăng", "kind", "COMMUNE", "parentId",
                province, "code", "05971")).json().get("id").asLong();
        ApiClient.Response s = admin.post("/api/v1/stations", Map.of("name", "Đài Chi Lăng", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1"))));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (files != null) {
            files.stop(0);
        }
    }

    /** A schema-valid CAP 1.2 alert for GSO 05971 with one audio resource; {@code headline} may be null. */
    static String alert(String identifier, String uri, String digest, String headline) {
        String sent = OffsetDateTime.now(ZoneOffset.ofHours(7))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>kttv@example.vn</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info>
                    <language>vi-VN</language>
                    <category>Met</category>
                    <event>Lũ quét</event>
                    <urgency>Immediate</urgency>
                    <severity>Severe</severity>
                    <certainty>Observed</certainty>
                    %s
                    <resource>
                      <resourceDesc>Bản tin cảnh báo</resourceDesc>
                      <mimeType>audio/x-wav</mimeType>
                      <uri>%s</uri>
                      %s
                    </resource>
                    <area>
                      <areaDesc>Phường Chi Lăng</areaDesc>
                      <geocode><valueName>GSO</valueName><value>05971</value></geocode>
                    </area>
                  </info>
                </alert>
                """.formatted(identifier, sent, headline == null ? "" : "<headline>" + headline + "</headline>", uri,
                digest == null ? "" : "<digest>" + digest + "</digest>");
    }

    ApiClient.Response post(String xml) {
        return admin.send(admin.builder("/api/v1/cap").header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    String served() {
        return "http://127.0.0.1:" + files.getAddress().getPort() + "/alert.wav";
    }

    @Test
    void theAudioResourceIsFetchedCheckedAndPlayedInsteadOfSpeech() throws Exception {
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(WAV));
        ApiClient.Response r = post(alert("LS-2026-0001", served(), sha1, null));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asText()).isEqualTo("AIRED");
        assertThat(r.json().get("detail").asText()).doesNotContain("instead");
        JsonNode announcement = admin.get("/api/v1/announcements/" + r.json().get("announcementId").asLong()).json();
        assertThat(announcement.get("source").asText()).isEqualTo("BULLETIN");
        assertThat(announcement.get("priority").asText()).isEqualTo("EMERGENCY");
    }

    @Test
    void aDeadLinkOrAWrongDigestWithNoTextToSpeakIsRefusedWithTheReason() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ApiClient.Response dead = post(alert("LS-2026-0002", "http://127.0.0.1:" + closed + "/alert.wav", null, null));
        assertThat(dead.status()).as(dead.body()).isEqualTo(400);
        assertThat(dead.error()).contains("UNREACHABLE").contains("no text to speak");
        ApiClient.Response tampered = post(alert("LS-2026-0003", served(), "0".repeat(40), null));
        assertThat(tampered.status()).as(tampered.body()).isEqualTo(400);
        assertThat(tampered.error()).contains("DIGEST_MISMATCH");
    }

    @Test
    @Tag("needs-tools")
    void aRefusedAddressFallsBackToTheSpokenTextWithTheReasonRecorded() throws Exception {
        ApiClient.Response r = post(alert("LS-2026-0004", "http://10.20.30.40/alert.wav", null,
                "Cảnh báo lũ quét tại phường Chi Lăng"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asText()).isEqualTo("AIRED");
        assertThat(r.json().get("detail").asText()).contains("text spoken instead").contains("URL_REFUSED");
        JsonNode announcement = admin.get("/api/v1/announcements/" + r.json().get("announcementId").asLong()).json();
        assertThat(announcement.get("source").asText()).isEqualTo("TEXT");
        assertThat(admin.get("/api/v1/cap/" + r.json().get("id").asLong()).json().get("detail").asText())
                .contains("URL_REFUSED");
    }
}
