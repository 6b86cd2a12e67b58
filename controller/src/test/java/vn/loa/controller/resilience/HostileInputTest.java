package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Reject;

/**
 * Hostile input through the real ports: a station cannot act as another, file names and media
 * lookups cannot reach outside the data directory, oversized bodies and frames stay refused, and
 * floods of silent connections and bad hellos do not keep a good agent out.
 */
@Tag("e2e")
@Timeout(120)
class HostileInputTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T c) {
        running.add(c);
        return c;
    }

    record Setup(TestController controller, ApiClient api, Fixture.StationRef a, Fixture.StationRef b) {
    }

    private Setup setup() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Cao Bằng", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Quảng Hòa", "COMMUNE", province);
        return new Setup(controller, api, Fixture.station(api, "Đài A", commune), Fixture.station(api, "Đài B", commune));
    }

    private static Wire session(int port, Fixture.StationRef s) throws Exception {
        Wire w = Wire.connect(port);
        w.send(Envelope.newBuilder().setRequestId(1).setHello(Wire.hello(s.id(), s.secret())).build());
        w.await(Envelope.KindCase.WELCOME, Duration.ofSeconds(10));
        return w;
    }

    @Test
    void aStationCannotReportForAnotherOrLogInAsIt() throws Exception {
        Setup s = setup();
        int port = s.controller().agentPort();
        // A's secret does not open B's station
        try (Wire w = Wire.connect(port)) {
            w.send(Envelope.newBuilder().setRequestId(1).setHello(Wire.hello(s.b().id(), s.a().secret())).build());
            assertThat(w.await(Envelope.KindCase.REJECT, Duration.ofSeconds(10)).getReject().getCode())
                    .isEqualTo(Reject.Code.UNAUTHENTICATED);
            assertThat(w.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
        // a report sent on A's session is A's, whatever it says; B cannot take it over with the same id
        PlayReport report = PlayReport.newBuilder().setReportId("imp-1").setItemId("s999-1")
                .setOutcome(PlayReport.Outcome.PLAYED).setPlannedAtMs(System.currentTimeMillis())
                .setStartedAtMs(System.currentTimeMillis()).setEndedAtMs(System.currentTimeMillis() + 1000).build();
        try (Wire a = session(port, s.a())) {
            a.send(Envelope.newBuilder().setRequestId(2).setPlayReport(report).build());
            assertThat(a.await(Envelope.KindCase.PLAY_REPORT_ACK, Duration.ofSeconds(10)).getPlayReportAck()
                    .getReportIdsList()).containsExactly("imp-1");
        }
        try (Wire b = session(port, s.b())) {
            b.send(Envelope.newBuilder().setRequestId(2).setPlayReport(report.toBuilder().setOutcome(
                    PlayReport.Outcome.FAILED)).build());
            b.await(Envelope.KindCase.PLAY_REPORT_ACK, Duration.ofSeconds(10));
        }
        assertThat(Fixture.plays(s.api(), "?stationId=" + s.b().id())).isEmpty();
        var aPlays = Fixture.plays(s.api(), "?stationId=" + s.a().id());
        assertThat(aPlays).hasSize(1);
        assertThat(aPlays.get(0).get("outcome").asText()).isEqualTo("PLAYED");
    }

    @Test
    void fileNamesAndMediaLookupsStayInsideTheDataDirectory() throws Exception {
        Setup s = setup();
        Path data = dir.resolve("controller");
        // a hostile file name is only a label: the audio is stored by content
        ApiClient.Response r = s.api().upload("/api/v1/bulletins", "Tên độc", "../../../../tmp/evil.wav",
                Fixture.wav(16_000, 1, 440));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(Path.of("/tmp/evil.wav")).doesNotExist();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("evil"));
        }
        try (Stream<Path> media = Files.list(data.resolve("media"))) {
            assertThat(media.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.matches("[0-9a-f]{64}\\.lop"));
        }
        // media lookups by something that is not a SHA-256 are refused, and the session goes on
        try (Wire a = session(s.controller().agentPort(), s.a())) {
            for (String sha : List.of("../../../etc/passwd", "..%2F..%2Fdb", "/etc/passwd",
                    r.json().get("sha256").asText() + "/../../loa.mv.db", "A".repeat(64), "")) {
                a.send(Envelope.newBuilder().setFileRequest(FileRequest.newBuilder().setSha256(sha)).build());
                Envelope answer = a.await(Envelope.KindCase.FILE_ERROR, Duration.ofSeconds(10));
                assertThat(answer.getFileError().getSha256()).isEqualTo(sha);
            }
            a.send(Envelope.newBuilder().setFileRequest(FileRequest.newBuilder()
                    .setSha256(r.json().get("sha256").asText())).build());
            assertThat(a.await(Envelope.KindCase.FILE_CHUNK, Duration.ofSeconds(10)).getFileChunk().getData().size())
                    .isPositive();
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/bulletins/..%2F..%2Fmedia/audio", "/api/v1/bulletins/1%2F..%2F..%2Fetc/audio",
                "/../../etc/passwd", "/api/v1/../../etc/passwd")) {
            HttpResponse<String> resp = http.send(s.api().builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).as(path).isIn(400, 404);
            assertThat(resp.body()).doesNotContain("root:");
        }
    }

    @Test
    void oversizedBodiesAndFramesStayRefused() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("small"), 0, 0, 64 * 1024));
        ApiClient api = controller.admin();
        ApiClient.Response r = api.upload("/api/v1/bulletins", "Quá lớn", "big.wav", Fixture.wav(16_000, 10, 440));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        try (Wire w = Wire.connect(controller.agentPort())) {
            // a length prefix of 16 MiB, then nothing: refused from the prefix alone
            w.sendRaw(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
            assertThat(w.await(Envelope.KindCase.REJECT, Duration.ofSeconds(10)).getReject().getCode())
                    .isEqualTo(Reject.Code.FRAME_TOO_LARGE);
            assertThat(w.closedWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void floodsOfSilentConnectionsAndBadHellosDoNotKeepAGoodAgentOut() throws Exception {
        Setup s = setup();
        int port = s.controller().agentPort();
        List<Wire> silent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            silent.add(keep(Wire.connect(port)));
        }
        List<Wire> bad = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Wire w = keep(Wire.connect(port));
            w.send(Envelope.newBuilder().setRequestId(1).setHello(Wire.hello(s.a().id(), "wrong-" + i)).build());
            bad.add(w);
        }
        // while the flood holds its sockets, the real station connects
        TestAgent good = keep(TestAgent.start(port, s.b().id(), s.b().secret(), dir));
        await().atMost(Duration.ofSeconds(15)).until(() -> good.agent().isConnected());
        for (Wire w : bad) {
            assertThat(w.await(Envelope.KindCase.REJECT, Duration.ofSeconds(10)).getReject().getCode())
                    .isEqualTo(Reject.Code.UNAUTHENTICATED);
        }
        // the hello timeout (10 s) closes every silent connection
        for (Wire w : silent) {
            assertThat(w.closedWithin(Duration.ofSeconds(20))).as("a silent connection is closed").isTrue();
        }
        assertThat(good.agent().isConnected()).isTrue();
        assertThat(s.api().get("/api/v1/stations/" + s.b().id()).json().get("online").asBoolean()).isTrue();
    }
}
