package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestController;

/**
 * POST /api/v1/bulletins: every bad upload is refused with a reason, and leaves nothing behind in the
 * media directory or the upload scratch directory.
 */
@Tag("e2e")
@Timeout(90)
class BulletinUploadApiTest {
    static final int SMALL_LIMIT = 256 * 1024;

    @TempDir
    static Path dir;

    /** Sees only refused uploads, so its media directory must stay empty. */
    static TestController refusing;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        refusing = TestController.start(dir.resolve("refusing"), 0, 0, SMALL_LIMIT);
        api = refusing.admin();
    }

    @AfterAll
    static void stop() {
        if (refusing != null) {
            refusing.close();
        }
    }

    @AfterEach
    void nothingWasStoredOrLeftBehind() throws IOException {
        Path data = dir.resolve("refusing");
        assertThat(files(data.resolve("media"))).as("files in <data>/media").isEmpty();
        assertThat(files(data.resolve("tmp"))).as("files in <data>/tmp").isEmpty();
        assertThat(api.get("/api/v1/bulletins").json()).as("bulletins").isEmpty();
    }

    static List<Path> files(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static String refused(int status, ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json()).as("a JSON error body").isNotNull();
        return r.error();
    }

    private static String refusedUpload(String title, String name, byte[] content) {
        return refused(400, api.upload("/api/v1/bulletins", title, name, content));
    }

    @Test
    void aBodyThatIsNotMultipartIsRefused() {
        assertThat(refused(400, api.post("/api/v1/bulletins", Map.of("title", "Tin", "file", "AAAA"))))
                .contains("multipart/form-data");
    }

    @Test
    void aMalformedMultipartBodyIsRefused() {
        ApiClient.Response r = api.send(api.builder("/api/v1/bulletins")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).contains("file");
    }

    @Test
    void aMultipartBodyCutOffInsideALargeFileIsRefusedAndItsSpilledPartRemoved() {
        byte[] wav = TestWav.tone(16_000, 3.0);
        byte[] head = ("--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTin\r\n--xyz\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, head.length + wav.length);
        System.arraycopy(wav, 0, body, head.length, wav.length);
        ApiClient.Response r = api.send(api.builder("/api/v1/bulletins")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).contains("file");
    }

    @Test
    void anUploadWithoutFileIsRefused() {
        assertThat(refusedUpload("Tin chiều", null, null)).contains("file: required");
    }

    @Test
    void anUploadWithoutTitleIsRefused() {
        assertThat(refusedUpload(null, "tin.wav", TestWav.tone(16_000, 0.5))).contains("title: required");
        assertThat(refusedUpload("   ", "tin.wav", TestWav.tone(16_000, 0.5))).contains("title: required");
    }

    @Test
    void aLargeUploadWithoutTitleLeavesNoSpilledFile() {
        // larger than the decoder keeps in memory (16 KiB), so it is spilled to <data>/tmp first
        assertThat(refusedUpload(null, "tin.wav", TestWav.tone(16_000, 3.0))).contains("title: required");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(refusedUpload("Tin chiều", "tin.wav", new byte[0])).contains("file").contains("empty");
    }

    @Test
    void randomBytesAreRefused() {
        byte[] bytes = new byte[40_000];
        new Random(7).nextBytes(bytes);
        assertThat(refusedUpload("Tin chiều", "tin.mp3", bytes)).startsWith("file: ");
    }

    @Test
    void aTextFileIsRefused() {
        byte[] text = "Kính gửi bà con: họp thôn lúc 7 giờ tối.\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(refusedUpload("Tin chiều", "tin.mp3", text)).contains("unsupported format");
    }

    @Tag("needs-tools")
    @Test
    void anMp3CutInTheMiddleOfAFrameIsRefusedAsTruncated() throws Exception {
        byte[] mp3 = Files.readAllBytes(Audio.mp3(dir, "cut.mp3", 2.0));
        byte[] cut = Arrays.copyOf(mp3, mp3.length * 2 / 3 + 11);
        assertThat(refusedUpload("Tin chiều", "cut.mp3", cut)).contains("truncated");
    }

    @Test
    void aWavHeaderWithoutDataIsRefused() {
        assertThat(refusedUpload("Tin chiều", "h.wav", TestWav.wav(16_000, 1, new byte[0], false)))
                .contains("no data chunk");
        assertThat(refusedUpload("Tin chiều", "h.wav", TestWav.wav(16_000, 1, new byte[0], true)))
                .contains("no audio data");
    }

    @Test
    void aWavWhoseDataChunkIsCutOffIsRefused() {
        byte[] wav = TestWav.tone(16_000, 0.5);
        assertThat(refusedUpload("Tin chiều", "h.wav", Arrays.copyOf(wav, wav.length / 2))).contains("truncated");
    }

    @Test
    void aFileOverTheUploadLimitIs413() {
        // over the controller's limit, but within the HTTP body cap (limit + 64 KiB)
        byte[] wav = TestWav.tone(16_000, 9.0);
        assertThat(wav.length).isBetween(SMALL_LIMIT + 1, SMALL_LIMIT + 32 * 1024);
        assertThat(refused(413, api.upload("/api/v1/bulletins", "Tin dài", "dai.wav", wav)))
                .contains("limit").contains(Integer.toString(SMALL_LIMIT));
    }

    /** Sends only the headers of an upload announcing a 10 MB body; returns the raw answer up to the close. */
    private static String announceTooLargeUpload() throws IOException {
        try (Socket s = new Socket("127.0.0.1", refusing.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/bulletins HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 10000000\r\n"
                    + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyFarOverTheUploadLimitIsRefusedWith413AsSoonAsItsLengthIsKnown() throws Exception {
        // only the headers: the controller must answer without waiting for (or reading) the body
        String answer = announceTooLargeUpload();
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\"").contains("larger than the limit");
        assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void aClientSendingAFarTooLargeBodyReceivesThe413() {
        byte[] wav = TestWav.tone(16_000, 20.0);
        for (int i = 0; i < 40; i++) {
            assertThat(refused(413, api.upload("/api/v1/bulletins", "Tin dài", "dai.wav", wav))).contains("limit");
        }
    }

    @Test
    void theRefusalOfAFarTooLargeBodyStatesANonZeroLimit() throws Exception {
        String answer = announceTooLargeUpload();
        assertThat(answer).startsWith("HTTP/1.1 413");
        String error = ApiClient.json().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("error").asText();
        assertThat(error).doesNotContain("limit of 0 MiB").containsPattern("limit of [1-9]");
    }

    @Test
    void aValidWavIsStoredWithItsDuration() throws Exception {
        Path data = dir.resolve("accepting");
        try (TestController c = TestController.start(data)) {
            ApiClient admin = c.admin();
            ApiClient.Response r = admin.upload("/api/v1/bulletins", "Thông báo tiêm phòng", "../../tin/tiem.wav",
                    TestWav.tone(16_000, 2.5));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long id = r.json().get("id").asLong();
            assertThat(r.json().get("durationMs").asLong()).isBetween(2490L, 2510L);
            assertThat(r.json().get("title").asText()).isEqualTo("Thông báo tiêm phòng");
            assertThat(r.json().get("originalName").asText()).isEqualTo("tiem.wav");
            String sha = r.json().get("sha256").asText();
            assertThat(sha).matches("[0-9a-f]{64}");
            assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/v1/bulletins/" + id);

            Path lop = data.resolve("media").resolve(sha + ".lop");
            assertThat(files(data.resolve("media"))).containsExactly(lop);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lop))))
                    .isEqualTo(sha);
            assertThat(r.json().get("sizeBytes").asLong()).isEqualTo(Files.size(lop));
            assertThat(files(data.resolve("tmp"))).isEmpty();
            assertThat(admin.get("/api/v1/bulletins/" + id).json().get("sha256").asText()).isEqualTo(sha);

            // the same audio again: a second bulletin sharing the stored file
            ApiClient.Response again = admin.upload("/api/v1/bulletins", "Nhắc lại", "tiem.wav", TestWav.tone(16_000, 2.5));
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            assertThat(again.json().get("id").asLong()).isNotEqualTo(id);
            assertThat(again.json().get("sha256").asText()).isEqualTo(sha);
            assertThat(files(data.resolve("media"))).containsExactly(lop);
            assertThat(files(data.resolve("tmp"))).isEmpty();
            assertThat(admin.get("/api/v1/bulletins").json()).hasSize(2);
        }
    }
}
