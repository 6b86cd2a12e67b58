package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.Json;

/**
 * The console's files as the controller serves them over real HTTP (content types, caching, traversal
 * refused), the API beside them untouched, a bulletin's audio as WAV, and the calendar endpoint.
 */
@Tag("e2e")
@Timeout(120)
class ConsoleServingTest {
    @TempDir
    Path dir;

    private TestController controller;
    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + controller.httpPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request sent byte for byte (no client normalises the path), and the status line of the answer. */
    private String raw(String target) throws Exception {
        try (Socket s = new Socket("127.0.0.1", controller.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void theConsoleIsServedWithContentTypesAndRevalidation() throws Exception {
        HttpResponse<byte[]> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        String html = new String(index.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<html lang=\"vi\">").contains("/console/js/app.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/console/").body()).isEqualTo(index.body());
        assertThat(get("/console").statusCode()).isEqualTo(301);

        HttpResponse<byte[]> js = get("/console/js/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/console/css/console.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/console/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        String etag = js.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get("/console/js/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/console/js/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void pathTraversalIsRefusedWith404InEveryDisguise() throws Exception {
        // a file the controller can read and must never serve
        Files.writeString(dir.resolve("secret.txt"), "secret");
        for (String target : List.of("/console/../console/index.html", "/console/js/../../logback.xml",
                "/console/%2e%2e/logback.xml", "/console/%2E%2E/%2E%2E/etc/passwd", "/console/..%2flogback.xml",
                "/console/..%5clogback.xml", "/console/js%2fapp.js", "/console/%252e%252e/logback.xml",
                "/console/js/app.js%00.html", "/console//etc/passwd", "/console/./index.html",
                "/console/..\\logback.xml", "/console/C:/windows/win.ini")) {
            assertThat(raw(target)).as(target).isEqualTo("HTTP/1.1 404 Not Found");
        }
        assertThat(raw("/console/index.html")).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void theApiAndMetricsKeepTheirOwnHandling() throws Exception {
        HttpResponse<byte[]> health = get("/api/v1/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        HttpResponse<byte[]> unknown = get("/api/v1/console/index.html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no such resource");
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + controller.httpPort()
                + "/console/index.html")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Tag("needs-tools")
    @Test
    void aBulletinsAudioStreamsAsWavOfItsDuration() throws Exception {
        Path mp3 = Audio.mp3(dir, "tin.mp3", 3.0);
        ApiClient.Response up = api.upload("/api/v1/bulletins", "Bản tin", "tin.mp3", Files.readAllBytes(mp3));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long id = up.json().get("id").asLong();
        HttpResponse<byte[]> wav = http.send(api.builder("/api/v1/bulletins/" + id + "/audio").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wav.statusCode()).isEqualTo(200);
        assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
        ByteBuffer b = ByteBuffer.wrap(wav.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        int dataBytes = b.getInt(40);
        assertThat(dataBytes).isEqualTo(wav.body().length - 44);
        long ms = dataBytes / 2L / channels * 1000 / rate;
        assertThat(ms).isEqualTo(up.json().get("durationMs").asLong());
        // the decoded audio is the upload: it correlates with ffmpeg's own decoding of the MP3
        Path out = dir.resolve("got.wav");
        Files.write(out, wav.body());
        short[] reference = Audio.decodeWithFfmpeg(mp3, rate);
        short[] got = Audio.decodeWithFfmpeg(out, rate);
        assertThat(energy(got)).as("the WAV is not silence").isGreaterThan(0.01 * energy(reference));

        assertThat(api.get("/api/v1/bulletins/999/audio").status()).isEqualTo(404);
        assertThat(api.withoutAuth().get("/api/v1/bulletins/" + id + "/audio").status()).isEqualTo(401);
    }

    private static double energy(short[] s) {
        double e = 0;
        for (short v : s) {
            e += (double) v * v;
        }
        return e / Math.max(1, s.length);
    }

    @Tag("needs-tools")
    @Test
    void theCalendarExpandsRulesPerStationAndFindsConflicts() throws Exception {
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long commune = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province)).json().get("id").asLong();
        long other = api.post("/api/v1/areas", Map.of("name", "Xã Hữu Lễ", "kind", "COMMUNE", "parentId", province)).json().get("id").asLong();
        long s1 = api.post("/api/v1/stations", Map.of("name", "Đài 1", "areaId", commune, "zones", List.of(Map.of("name", "Cụm 1"))))
                .json().get("id").asLong();
        long s2 = api.post("/api/v1/stations", Map.of("name", "Đài 2", "areaId", other, "zones", List.of(Map.of("name", "Cụm 1"))))
                .json().get("id").asLong();
        Path mp3 = Audio.mp3(dir, "tin.mp3", 3.0);
        long bulletin = api.upload("/api/v1/bulletins", "Bản tin", "tin.mp3", Files.readAllBytes(mp3)).json().get("id").asLong();
        String tomorrow = java.time.LocalDate.now(Json.VIETNAM).plusDays(1).toString();
        // daily at 06:00 on the province, and once at 06:00:02 tomorrow on station 1: overlap on station 1 only
        assertThat(api.post("/api/v1/schedules", Map.of("bulletinId", bulletin, "targets", Map.of("areaIds", List.of(province)),
                "rule", Map.of("type", "daily", "times", List.of("06:00"), "from", tomorrow))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/schedules", Map.of("bulletinId", bulletin, "title", "Phát lại", "targets", Map.of("stationIds", List.of(s1)),
                "rule", Map.of("type", "once", "at", tomorrow + "T06:00:02+07:00"))).status()).isEqualTo(201);

        String to = java.time.LocalDate.parse(tomorrow).plusDays(7).toString();
        JsonNode all = api.get("/api/v1/calendar?from=" + tomorrow + "&to=" + to).json();
        assertThat(all.get("runs")).hasSize(8);
        assertThat(all.get("runs").get(0).get("start").asText()).isEqualTo(tomorrow + "T06:00:00+07:00");
        assertThat(all.get("runs").get(0).get("end").asText()).isEqualTo(tomorrow + "T06:00:03+07:00");
        assertThat(all.get("conflicts")).hasSize(1);
        assertThat(all.get("conflicts").get(0).get("stationId").asLong()).isEqualTo(s1);
        assertThat(all.get("conflicts").get(0).get("second").get("title").asText()).isEqualTo("Phát lại");

        JsonNode onlyOther = api.get("/api/v1/calendar?from=" + tomorrow + "&to=" + to + "&stationId=" + s2).json();
        assertThat(onlyOther.get("runs")).hasSize(7);
        assertThat(onlyOther.get("conflicts")).isEmpty();
        JsonNode byArea = api.get("/api/v1/calendar?from=" + tomorrow + "&to=" + to + "&areaId=" + commune).json();
        assertThat(byArea.get("runs")).hasSize(8);
        assertThat(byArea.get("runs").get(0).get("stationIds")).hasSize(1);
        // the default window is this week, Monday to Monday in Vietnam
        JsonNode week = api.get("/api/v1/calendar").json();
        assertThat(java.time.OffsetDateTime.parse(week.get("from").asText()).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);

        ApiClient.Response backwards = api.get("/api/v1/calendar?from=2026-01-10&to=2026-01-01");
        assertThat(backwards.error()).isEqualTo("to: must be after from");
        assertThat(backwards.json().get("code").asText()).isEqualTo("NOT_AFTER");
        assertThat(api.get("/api/v1/calendar?from=2026-01-01&to=2026-06-01").error()).contains("at most 62 days");
        assertThat(api.get("/api/v1/calendar?from=yesterday").error()).contains("from: 'yesterday' is not a date-time");
        assertThat(api.get("/api/v1/calendar?stationId=1&areaId=1").error()).isEqualTo("give stationId or areaId, not both");
        assertThat(api.get("/api/v1/calendar?stationId=999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/calendar?areaId=999").status()).isEqualTo(404);
    }
}
