package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.Json;
import vn.loa.controller.web.TestWav;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlanAck;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.TimeResponse;

/** What a welcomed agent can ask of the controller, over a bare socket: time, media files, reports, plans. */
@Tag("e2e")
@Timeout(60)
class GatewaySessionTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient api;
    static long commune;
    /** Long enough that its stored media spans several 64 KiB chunks. */
    static ApiFixtures.BulletinRef bulletin;
    static byte[] media;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
        commune = ApiFixtures.area(api, "Xã Hòa Lạc", "COMMUNE", ApiFixtures.province(api));
        bulletin = ApiFixtures.uploadWav(api, "Bản tin dài", TestWav.tone(24_000, 24.0));
        media = Files.readAllBytes(dir.resolve("controller").resolve("media").resolve(bulletin.sha256() + ".lop"));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    /** A station, and a raw agent welcomed as it (its first PlanSync consumed). */
    private static RawAgent welcomed(ApiFixtures.StationRef s) throws Exception {
        RawAgent agent = RawAgent.connect(controller.agentPort());
        agent.sendHello(RawAgent.hello(s.id(), s.secret()));
        agent.next(Envelope.KindCase.WELCOME);
        agent.next(Envelope.KindCase.PLAN_SYNC);
        return agent;
    }

    private static ApiFixtures.StationRef station(String name) {
        return ApiFixtures.station(api, name, commune, 2);
    }

    private static long nowUs() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void aTimeRequestIsAnsweredWithTheControllerClock() throws Exception {
        try (RawAgent agent = welcomed(station("Đài giờ"))) {
            for (int i = 1; i <= 3; i++) {
                long sent = nowUs() - 123_456_789L * i; // the agent's clock may be far off
                long before = nowUs();
                agent.send(Envelope.newBuilder().setRequestId(100 + i)
                        .setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(sent)).build());
                Envelope e = agent.next(Envelope.KindCase.TIME_RESPONSE);
                long after = nowUs();
                TimeResponse r = e.getTimeResponse();
                assertThat(e.getRefersTo()).isEqualTo(100 + i);
                assertThat(r.getAgentSentUs()).isEqualTo(sent);
                assertThat(r.getControllerReceivedUs()).isBetween(before - 50_000, after + 50_000);
                assertThat(r.getControllerSentUs()).isBetween(r.getControllerReceivedUs(), after + 50_000);
            }
        }
    }

    private static List<FileChunk> fetch(RawAgent agent, long requestId, String sha, long offset) throws Exception {
        agent.send(Envelope.newBuilder().setRequestId(requestId)
                .setFileRequest(FileRequest.newBuilder().setSha256(sha).setOffset(offset)).build());
        List<FileChunk> chunks = new java.util.ArrayList<>();
        while (true) {
            Envelope e = agent.next(Envelope.KindCase.FILE_CHUNK, Duration.ofSeconds(10));
            assertThat(e.getRefersTo()).isEqualTo(requestId);
            chunks.add(e.getFileChunk());
            if (e.getFileChunk().getLast()) {
                return chunks;
            }
        }
    }

    private static byte[] join(List<FileChunk> chunks, long startOffset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long expected = startOffset;
        for (FileChunk c : chunks) {
            assertThat(c.getOffset()).as("chunk offsets follow each other").isEqualTo(expected);
            assertThat(c.getSha256()).isEqualTo(bulletin.sha256());
            assertThat(c.getTotalSize()).isEqualTo(media.length);
            assertThat(c.getData().size()).isLessThanOrEqualTo(64 * 1024);
            out.writeBytes(c.getData().toByteArray());
            expected += c.getData().size();
        }
        return out.toByteArray();
    }

    @Test
    void aMediaFileIsStreamedWholeFromOffsetZero() throws Exception {
        assertThat(media.length).as("the test media spans several chunks").isGreaterThan(64 * 1024);
        assertThat(bulletin.sizeBytes()).isEqualTo(media.length);
        try (RawAgent agent = welcomed(station("Đài tải tệp"))) {
            List<FileChunk> chunks = fetch(agent, 7, bulletin.sha256(), 0);
            assertThat(chunks.size()).isGreaterThanOrEqualTo(2);
            assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(FileChunk::getLast);
            byte[] data = join(chunks, 0);
            assertThat(data).hasSize(media.length);
            assertThat(sha256(data)).isEqualTo(bulletin.sha256());
        }
    }

    @Test
    void aTransferResumedFromTheMiddleSendsExactlyTheTail() throws Exception {
        long offset = media.length / 2 + 123;
        try (RawAgent agent = welcomed(station("Đài tải tiếp"))) {
            byte[] tail = join(fetch(agent, 8, bulletin.sha256(), offset), offset);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(media, (int) offset, media.length));
            // the very end: one empty last chunk
            List<FileChunk> end = fetch(agent, 9, bulletin.sha256(), media.length);
            assertThat(end).hasSize(1);
            assertThat(end.get(0).getData().isEmpty()).isTrue();
        }
    }

    private static FileError fileError(RawAgent agent, long requestId, String sha, long offset) throws Exception {
        agent.send(Envelope.newBuilder().setRequestId(requestId)
                .setFileRequest(FileRequest.newBuilder().setSha256(sha).setOffset(offset)).build());
        Envelope e = agent.next(RawAgent.WAIT);
        assertThat(e.getKindCase()).as("answer to a request for '%s' at %d", sha, offset)
                .isEqualTo(Envelope.KindCase.FILE_ERROR);
        assertThat(e.getRefersTo()).isEqualTo(requestId);
        assertThat(e.getFileError().getSha256()).isEqualTo(sha);
        return e.getFileError();
    }

    @Test
    void badFileRequestsGetAFileErrorAndTheLinkStaysUp() throws Exception {
        try (RawAgent agent = welcomed(station("Đài hỏi bậy"))) {
            assertThat(fileError(agent, 11, "0".repeat(64), 0).getReason()).contains("no such media");
            assertThat(fileError(agent, 12, "../../etc/passwd", 0).getReason()).contains("not a sha256");
            assertThat(fileError(agent, 13, "../../../../etc/passwd" + "0".repeat(42), 0).getReason()).contains("not a sha256");
            assertThat(fileError(agent, 14, bulletin.sha256().toUpperCase(), 0).getReason()).contains("not a sha256");
            assertThat(fileError(agent, 15, "", 0).getReason()).contains("not a sha256");
            assertThat(fileError(agent, 16, bulletin.sha256(), media.length + 1).getReason()).contains("outside the file");
            assertThat(fileError(agent, 17, bulletin.sha256(), -1).getReason()).contains("outside the file");

            agent.send(Envelope.newBuilder().setRequestId(18).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
            assertThat(agent.next(Envelope.KindCase.TIME_RESPONSE).getRefersTo()).isEqualTo(18);
        }
    }

    private static PlayReport report(String id, List<Long> zones) {
        long planned = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        return PlayReport.newBuilder().setReportId(id).setItemId("s42-" + planned / 1000).setScheduleId(42)
                .setBulletinId(bulletin.id()).addAllZoneIds(zones).setPlannedAtMs(planned).setStartedAtMs(planned + 7)
                .setEndedAtMs(planned + 24_007).setOutcome(PlayReport.Outcome.PLAYED).setPriority(Priority.NORMAL)
                .setPeakDbfs(-1.5f).setRmsDbfs(-18.25f).build();
    }

    private static List<JsonNode> plays(long stationId) {
        ApiClient.Response r = api.get("/api/v1/plays?stationId=" + stationId);
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void aPlayReportIsAcknowledgedAndStoredOnceEvenWhenSentTwice() throws Exception {
        ApiFixtures.StationRef s = station("Đài báo cáo");
        String id = UUID.randomUUID().toString();
        PlayReport report = report(id, s.zoneIds());
        try (RawAgent agent = welcomed(s)) {
            for (int i = 0; i < 2; i++) {
                agent.send(Envelope.newBuilder().setRequestId(20 + i).setPlayReport(report).build());
                Envelope ack = agent.next(Envelope.KindCase.PLAY_REPORT_ACK);
                assertThat(ack.getRefersTo()).isEqualTo(20 + i);
                assertThat(ack.getPlayReportAck().getReportIdsList()).containsExactly(id);
            }
        }
        // and once more over a new connection, as an agent does after a reconnect
        try (RawAgent agent = welcomed(s)) {
            agent.send(Envelope.newBuilder().setRequestId(30).setPlayReport(report).build());
            assertThat(agent.next(Envelope.KindCase.PLAY_REPORT_ACK).getPlayReportAck().getReportIdsList()).containsExactly(id);
        }
        List<JsonNode> stored = plays(s.id());
        assertThat(stored).hasSize(1);
        JsonNode p = stored.get(0);
        assertThat(p.get("reportId").asText()).isEqualTo(id);
        assertThat(p.get("stationId").asLong()).isEqualTo(s.id());
        assertThat(p.get("scheduleId").asLong()).isEqualTo(42);
        assertThat(p.get("bulletinId").asLong()).isEqualTo(bulletin.id());
        assertThat(p.get("itemId").asText()).isEqualTo(report.getItemId());
        assertThat(p.get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(p.get("zoneIds")).extracting(JsonNode::asLong).containsExactlyElementsOf(s.zoneIds());
        assertThat(Instant.parse(p.get("plannedAt").asText()).toEpochMilli()).isEqualTo(report.getPlannedAtMs());
        assertThat(Instant.parse(p.get("startedAt").asText()).toEpochMilli()).isEqualTo(report.getStartedAtMs());
        assertThat(p.get("rmsDbfs").asDouble()).isEqualTo(-18.25);
        assertThat(p.get("reason").isNull()).isTrue();
    }

    @Test
    void aReportIsFiledUnderTheConnectedStationOnly() throws Exception {
        ApiFixtures.StationRef a = station("Đài A");
        ApiFixtures.StationRef b = station("Đài B");
        try (RawAgent agent = welcomed(a)) {
            PlayReport r = report(UUID.randomUUID().toString(), b.zoneIds()).toBuilder()
                    .setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_MISSING").setStartedAtMs(0).setEndedAtMs(0)
                    .build();
            agent.send(Envelope.newBuilder().setRequestId(40).setPlayReport(r).build());
            agent.next(Envelope.KindCase.PLAY_REPORT_ACK);
        }
        assertThat(plays(b.id())).isEmpty();
        List<JsonNode> stored = plays(a.id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(stored.get(0).get("reason").asText()).isEqualTo("MEDIA_MISSING");
        assertThat(stored.get(0).get("startedAt").isNull()).isTrue();
        assertThat(stored.get(0).get("peakDbfs").isNull()).isTrue();
    }

    @Test
    void aHeartbeatIsShownInTheStationView() throws Exception {
        ApiFixtures.StationRef s = station("Đài nhịp tim");
        try (RawAgent agent = welcomed(s)) {
            agent.send(Envelope.newBuilder().setHeartbeat(Heartbeat.newBuilder().setClockSynchronised(true)
                    .setPlayingItemId("s1-1790000000").setUptimeMs(5000)).build());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode view = api.get("/api/v1/stations/" + s.id()).json();
                assertThat(view.get("online").asBoolean()).isTrue();
                assertThat(view.get("clockSynchronised").asBoolean()).isTrue();
                assertThat(view.get("playingItemId").asText()).isEqualTo("s1-1790000000");
            });
        }
    }

    @Test
    void aNewScheduleIsPushedToTheConnectedStationAtOnce() throws Exception {
        ApiFixtures.StationRef s = station("Đài nhận kế hoạch");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            agent.next(Envelope.KindCase.WELCOME);
            PlanSync first = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync();
            ackAndWait(agent, first.getVersion());

            Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode body = ApiFixtures.schedule(bulletin.id(), ApiClient.json().createObjectNode()
                    .put("type", "once").put("at", Json.local(at)));
            body.put("priority", "EMERGENCY");
            ApiFixtures.targets(body).withArray("zoneIds").add(s.zoneIds().get(1));
            ApiClient.Response created = api.post("/api/v1/schedules", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long scheduleId = created.json().get("id").asLong();

            Envelope pushed = agent.next(Envelope.KindCase.PLAN_SYNC);
            assertThat(pushed.getRequestId()).isPositive();
            PlanSync plan = pushed.getPlanSync();
            assertThat(plan.getVersion()).isNotEqualTo(first.getVersion());
            assertThat(plan.getItemsCount()).isEqualTo(1);
            PlanItem item = plan.getItems(0);
            assertThat(item.getItemId()).isEqualTo("s" + scheduleId + "-" + at.getEpochSecond());
            assertThat(item.getScheduleId()).isEqualTo(scheduleId);
            assertThat(item.getPlannedAtMs()).isEqualTo(at.toEpochMilli());
            assertThat(item.getZoneIdsList()).containsExactly(s.zoneIds().get(1));
            assertThat(item.getMediaSha256()).isEqualTo(bulletin.sha256());
            assertThat(item.getMediaSize()).isEqualTo(media.length);
            assertThat(item.getDurationMs()).isEqualTo(bulletin.durationMs());
            assertThat(item.getPriority()).isEqualTo(Priority.EMERGENCY);

            ackAndWait(agent, plan.getVersion());
            assertThat(api.delete("/api/v1/schedules/" + scheduleId).status()).isEqualTo(204);
            PlanSync after = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync();
            assertThat(after.getItemsCount()).isZero();
            assertThat(after.getVersion()).isEqualTo(first.getVersion());
        }
    }

    /** Acknowledges a plan and waits until the controller has handled it (a time exchange queued behind it). */
    private static void ackAndWait(RawAgent agent, String version) throws Exception {
        agent.send(Envelope.newBuilder().setPlanAck(PlanAck.newBuilder().setVersion(version)).build());
        agent.send(Envelope.newBuilder().setRequestId(77).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
        agent.next(Envelope.KindCase.TIME_RESPONSE);
    }

    @Test
    void aScheduleDeletedBeforeTheAgentAcksItsPlanIsWithdrawnFromTheAgent() throws Exception {
        ApiFixtures.StationRef s = station("Đài chậm xác nhận");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            agent.next(Envelope.KindCase.WELCOME);
            PlanSync empty = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync();
            ackAndWait(agent, empty.getVersion());

            Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode body = ApiFixtures.schedule(bulletin.id(), ApiClient.json().createObjectNode()
                    .put("type", "once").put("at", Json.local(at)));
            ApiFixtures.targets(body).withArray("stationIds").add(s.id());
            ApiClient.Response created = api.post("/api/v1/schedules", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            PlanSync withItem = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync();
            assertThat(withItem.getItemsCount()).isEqualTo(1);

            // deleted (a mistake put right at once) while the agent is still storing the plan with the item:
            // the controller withdraws it at once, although the agent has not acknowledged it yet
            assertThat(api.delete("/api/v1/schedules/" + created.json().get("id").asLong()).status()).isEqualTo(204);
            PlanSync current = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync();
            ackAndWait(agent, withItem.getVersion());
            assertThat(current.getItemsCount()).isZero();
            assertThat(current.getVersion()).isEqualTo(empty.getVersion());
        }
    }
}
