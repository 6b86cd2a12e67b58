package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.store.MediaCache;
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.PlayReport;

/**
 * SIGKILL of an agent <b>process</b> ({@code loa-agent run}, a child JVM from the test class path)
 * at random moments (seeded) while it downloads three large bulletins over a throttled link and while
 * it plays and reports an item every second, restarted each time on the same data directory. After
 * every kill: each {@code cache/*.lop} has the SHA-256 its name says (a {@code .part} may remain and
 * is resumed), each {@code outbox/*.pb} is a whole report. At the end: every large bulletin arrived
 * whole, and the as-run log holds every item exactly once — played, or {@code FAILED
 * AGENT_RESTARTED} when a kill cut it off — never twice, never lost.
 */
@Tag("e2e")
@Timeout(200)
class AgentKillTest {
    private static final int KILLS = 15;
    private static final int ITEMS = 60;
    /** Controller-to-agent bytes per second: the three large files take about 20 s in all. */
    private static final long THROTTLE = 96 * 1024;

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T c) {
        running.add(c);
        return c;
    }

    @Test
    void killedDuringDownloadsAndReportWritesKeepsCacheWholeAndReportsOnce() throws Exception {
        Random random = new Random(20260203L);
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Kiên Mộc", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Kiên Mộc", commune);

        // three 3-minute bulletins (about 700 kB of Opus each), planned in two hours: the agent fetches them
        List<String> large = new ArrayList<>();
        Instant later = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 3; i++) {
            ApiClient.Response r = api.upload("/api/v1/bulletins", "Bản tin dài " + i, "dai-" + i + ".wav",
                    noisyWav(16_000, 180, 7 + i));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            large.add(r.json().get("sha256").asText());
            Fixture.scheduleOnce(api, r.json().get("id").asLong(), later.plus(i, ChronoUnit.MINUTES), List.of(s.id()));
        }
        // a short item every second: reports are being written whenever a kill lands
        long shortBulletin = Fixture.bulletin(api, "Tin ngắn", "ngan.wav", Fixture.wav(16_000, 0.4, 660));
        Instant first = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Long> items = new LinkedHashMap<>();
        for (int k = 0; k < ITEMS; k++) {
            Instant at = first.plusSeconds(k);
            long schedule = Fixture.scheduleOnce(api, shortBulletin, at, List.of(s.id()));
            items.put("s" + schedule + "-" + at.getEpochSecond(), schedule);
        }
        Instant lastItem = first.plusSeconds(ITEMS - 1);

        FaultProxy proxy = keep(FaultProxy.to(controller.agentPort()));
        proxy.throttle(THROTTLE);
        Path data = dir.resolve("agent-data");
        Path config = dir.resolve("agent.properties");
        Files.writeString(config, "warmUpMs=300\nzoneSettleMs=100\nholdMs=500\n");
        Set<String> partsSeen = new HashSet<>();
        for (int i = 0; i < KILLS; i++) {
            try (ChildJvm agent = agent(proxy.port(), s, data, config, dir.resolve("agent-" + i + ".log"))) {
                // the kill lands at a random moment of its work; the agent runs until then
                long delay = 1_000 + random.nextInt(3_000);
                await().during(Duration.ofMillis(delay)).atMost(Duration.ofMillis(delay + 1_000))
                        .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(agent.isAlive())
                                .as(() -> "the agent process exited:\n" + agent.logOrWhy()).isTrue());
                agent.kill();
            }
            partsSeen.addAll(verifyStore(data, "after kill " + i));
        }

        // the last run goes on: the downloads finish, the items play, the outbox drains
        ChildJvm last = keep(agent(proxy.port(), s, data, config, dir.resolve("agent-last.log")));
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(last.isAlive()).as("the agent process exited").isTrue();
            for (String sha : large) {
                assertThat(data.resolve("cache").resolve(sha + ".lop")).as("large bulletin downloaded").isRegularFile();
            }
            assertThat(Instant.now()).isAfter(lastItem.plusSeconds(3));
            assertThat(outboxFiles(data)).as("outbox drained").isEmpty();
            Set<String> reported = Fixture.plays(api, "?stationId=" + s.id() + "&limit=10000").stream()
                    .map(p -> p.get("itemId").asText()).collect(Collectors.toSet());
            assertThat(reported).as("every item reported").containsAll(items.keySet());
        });
        last.kill();
        verifyStore(data, "after the last run");

        List<JsonNode> plays = Fixture.plays(api, "?stationId=" + s.id() + "&limit=10000");
        assertThat(plays.stream().map(p -> p.get("reportId").asText()).toList()).as("report ids").doesNotHaveDuplicates();
        Map<String, List<JsonNode>> byItem = new HashMap<>();
        plays.forEach(p -> byItem.computeIfAbsent(p.get("itemId").asText(), k -> new ArrayList<>()).add(p));
        int cut = 0;
        for (String item : items.keySet()) {
            List<JsonNode> records = byItem.getOrDefault(item, List.of());
            assertThat(records).as("as-run records of item %s: %s", item, records).hasSize(1);
            JsonNode r = records.get(0);
            String outcome = r.get("outcome").asText();
            String reason = r.get("reason").isNull() ? "" : r.get("reason").asText();
            if (outcome.equals("FAILED")) {
                assertThat(reason).as("item %s failed", item).isEqualTo("AGENT_RESTARTED");
                cut++;
            } else {
                assertThat(outcome).as("item %s (%s)", item, reason).isIn("PLAYED", "SKIPPED");
            }
        }
        // the journal's reported items are each in the as-run log exactly once
        for (String line : Files.readAllLines(data.resolve("journal.log"), StandardCharsets.UTF_8)) {
            if (line.startsWith("R ") && items.containsKey(line.substring(2))) {
                assertThat(byItem.get(line.substring(2))).as("journal-reported item %s", line).hasSize(1);
            }
        }
        assertThat(partsSeen).as("some kill landed during a download (a .part was left and resumed)").isNotEmpty();
        assertThat(cut).as("some kill landed while an item played (reported FAILED AGENT_RESTARTED)").isPositive();
    }

    /**
     * The narrowest window of the loop above, made certain: a kill after the report was stored in the
     * outbox but before the journal recorded it. On restart the stored report is the item's report; the
     * item is not reported a second time as {@code FAILED AGENT_RESTARTED}.
     */
    @Test
    void aKillBetweenStoringAReportAndJournallingItReportsTheItemOnce() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Tú Xuyên", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Tú Xuyên", commune);
        long planned = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        String item = "s999-" + planned / 1000;
        // the files as a kill leaves them: plan, journal "started", and the report in the outbox
        Path data = vn.loa.controller.support.TestAgent.dataDirOf(dir, s.id());
        Files.createDirectories(data.resolve("outbox"));
        Files.write(data.resolve("plan.pb"), vn.loa.protocol.v1.PlanSync.newBuilder().setVersion("before-the-kill")
                .addItems(vn.loa.protocol.v1.PlanItem.newBuilder().setItemId(item).setTitle("Bản tin")
                        .setMediaSha256("0".repeat(64)).setPlannedAtMs(planned).addAllZoneIds(s.zoneIds()))
                .build().toByteArray());
        Files.writeString(data.resolve("journal.log"), "S " + item + "\n");
        PlayReport stored = PlayReport.newBuilder().setReportId(java.util.UUID.randomUUID().toString()).setItemId(item)
                .setPlannedAtMs(planned).setStartedAtMs(planned).setEndedAtMs(planned + 1_500)
                .setOutcome(PlayReport.Outcome.PLAYED).addAllZoneIds(s.zoneIds()).build();
        Files.write(data.resolve("outbox").resolve(stored.getReportId() + ".pb"), stored.toByteArray());

        var agent = keep(vn.loa.controller.support.TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().outboxPending() == 0);
        List<JsonNode> plays = Fixture.plays(api, "?stationId=" + s.id());
        assertThat(plays).as("the as-run log: %s", plays).hasSize(1);
        assertThat(plays.get(0).get("reportId").asText()).isEqualTo(stored.getReportId());
        assertThat(plays.get(0).get("outcome").asText()).isEqualTo("PLAYED");
    }

    private static ChildJvm agent(int port, Fixture.StationRef s, Path data, Path config, Path log) throws IOException {
        return ChildJvm.agent(port, s.id(), s.secret(), data, log, "--tls", "off", "--config", config.toString());
    }

    /**
     * The agent's files after a kill: only whole, verified audio under a {@code .lop} name (partial
     * transfers as {@code .part}), only whole reports in the outbox.
     *
     * @return the partial transfers found
     */
    private static Set<String> verifyStore(Path data, String when) throws IOException {
        Set<String> parts = new HashSet<>();
        Path cache = data.resolve("cache");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> files = Files.list(cache)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".part")) {
                        parts.add(name);
                        continue;
                    }
                    assertThat(name).as("%s: cache file", when).matches("[0-9a-f]{64}\\.lop");
                    assertThat(MediaCache.sha256Of(f)).as("%s: %s is whole", when, name)
                            .isEqualTo(name.substring(0, 64));
                }
            }
        }
        Path outbox = data.resolve("outbox");
        if (Files.isDirectory(outbox)) {
            try (Stream<Path> files = Files.list(outbox)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    assertThat(name).as("%s: no outbox file was set aside as unreadable", when).doesNotEndWith(".corrupt");
                    if (name.endsWith(".pb")) {
                        PlayReport report = PlayReport.parseFrom(Files.readAllBytes(f));
                        assertThat(report.getReportId() + ".pb").as("%s: outbox file %s", when, name).isEqualTo(name);
                        assertThat(report.getItemId()).as("%s: outbox file %s", when, name).isNotEmpty();
                    }
                }
            }
        }
        return parts;
    }

    private static List<Path> outboxFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("outbox"))) {
            return files.filter(p -> p.toString().endsWith(".pb")).toList();
        }
    }

    /** A mono 16-bit WAV of tones in noise: Opus spends its full bit rate on it (a pure tone would be tiny). */
    static byte[] noisyWav(int sampleRate, int seconds, long seed) {
        Random r = new Random(seed);
        int n = sampleRate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            double v = 0.3 * Math.sin(2 * Math.PI * (220 + 40 * Math.sin(t)) * t) + 0.2 * r.nextGaussian();
            b.putShort((short) Math.max(-32_000, Math.min(32_000, 12_000 * v)));
        }
        return b.array();
    }
}
