package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.load.BroadcastRecord;
import vn.loa.bench.load.FeedLog;
import vn.loa.bench.load.LiveFeeder;
import vn.loa.bench.load.LoadRecorder;

/**
 * Scenario 1: one live announcement, fed in real time over the WebSocket, to N lightweight stations
 * of one controller process. Measures the controller's CPU and memory per connection, and every
 * packet's delivery latency (arrival at the station minus the instant the feeder sent its audio).
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Live announcement to N stations: controller CPU, memory per station, frame latency, lost/late frames.")
final class Fanout implements Callable<Integer> {
    @Option(names = "--stations", defaultValue = "1000")
    int stations;
    @Option(names = "--seconds", defaultValue = "30", description = "length of the live feed (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--client-threads", defaultValue = "2", description = "event loops of the load client")
    int clientThreads;
    @Option(names = "--connect-concurrency", defaultValue = "256", description = "stations connecting at once")
    int concurrency;
    @Option(names = "--work", description = "work directory (default /tmp/loa-bench/fleet-N; reused: stations are created once)")
    Path work;
    @Option(names = "--controller-jar", defaultValue = "controller/target/loa-controller.jar")
    Path controllerJar;
    @Option(names = "--controller-jvm", defaultValue = "", description = "extra JVM flags of the controller, e.g. -XX:StartFlightRecording=filename=/tmp/c.jfr")
    String controllerJvm;

    @Override
    public Integer call() throws Exception {
        try (Rig rig = Rig.start(work, controllerJar, controllerJvm, stations, clientThreads, concurrency)) {
            LoadRecorder rec = rig.client.recorder();
            int frames = seconds * 50;
            FeedLog feed = new FeedLog(frames + 10);
            rec.feed(feed);
            long id = rig.api.post("/api/v1/announcements", Map.of("title", "Trực tiếp thử tải", "priority", "PRIORITY",
                    "chime", false, "targets", rig.targets(), "source", Map.of("type", "live")), 201)
                    .get("id").asLong();
            short[] pcm = SpeechLike.generate(LiveFeeder.RATE, seconds, 7);
            long self = ProcessHandle.current().pid();
            ProcStats.Sample c0 = rig.controller.sample();
            ProcStats.Sample l0 = ProcStats.sample(self);
            LiveFeeder.feed(rig.api.http(), rig.api.base(), rig.api.token(), id, pcm, feed, rig.clock);
            ProcStats.Sample c1 = rig.controller.sample();
            ProcStats.Sample l1 = ProcStats.sample(self);
            // every station reports DONE after its last packet has played (the 800 ms lead later)
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (rec.records(id).size() < stations && System.nanoTime() < deadline) {
                Rig.pause(100);
            }
            List<BroadcastRecord> records = rec.records(id);
            long received = records.stream().mapToLong(BroadcastRecord::received).sum();
            long missing = records.stream().mapToLong(BroadcastRecord::missing).sum();
            long late = records.stream().mapToLong(BroadcastRecord::late).sum();
            long incomplete = stations - records.size();
            JsonNode a = rig.api.get("/api/v1/announcements/" + id);
            long done = 0;
            for (JsonNode s : a.get("stations")) {
                done += s.get("state").asText().equals("DONE") ? 1 : 0;
            }
            LatencyHistogram d = rec.delivery();
            double cpu = c1.cpuPercentSince(c0);
            double clientCpu = l1.cpuPercentSince(l0);
            System.out.println();
            System.out.printf("fan-out: %d stations, live %d s (%d packets each), controller pid %d%n", stations, seconds,
                    frames, rig.controller.pid());
            System.out.println("| stations | controller CPU (% of one core) | load client CPU | controller RSS per station | heap per station | frame latency p50 / p99 / max | packets delivered | lost | late (after play instant) | stations DONE | disconnects |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %,d | %.1f %% | %.1f %% | %.1f kB | %.1f kB | %.1f / %.1f / %.1f ms | %,d of %,d | %,d | %,d | %,d | %d |%n",
                    stations, cpu, clientCpu, rig.rssPerStationKb(), rig.heapPerStationKb(),
                    d.count() == 0 ? Double.NaN : d.percentileUs(50) / 1000.0,
                    d.count() == 0 ? Double.NaN : d.percentileUs(99) / 1000.0, d.maxUs() / 1000.0,
                    received, (long) frames * stations, missing + incomplete * frames, late, done, rec.disconnected());
            System.out.printf("controller RSS %d MB at the end, threads %d; frames later than 50 ms: %,d; connect %.1f s%n",
                    c1.rssKb() / 1024, c1.threads(), d.above(50_000), rig.connectSeconds);
            List<Long> firstLag = records.stream().filter(r -> r.firstPacketUs() != 0)
                    .map(r -> (r.firstPacketUs() - feed.sentUs(0)) / 1000).toList();
            List<Long> lastLag = records.stream().filter(r -> r.lastPacketUs() != 0)
                    .map(r -> (r.lastPacketUs() - feed.sentUs(frames - 1)) / 1000).toList();
            if (!firstLag.isEmpty()) {
                System.out.printf("first packet after its audio was sent: p50 %d ms, max %d ms; last packet: p50 %d ms, max %d ms; "
                        + "the feeder sent its last audio %d ms late%n", Percentiles.of(firstLag).at(50),
                        Percentiles.of(firstLag).max(), Percentiles.of(lastLag).at(50), Percentiles.of(lastLag).max(),
                        (feed.sentUs(frames - 1) - feed.sentUs(0)) / 1000 - (frames - 1) * 20L);
            }
            if (!rec.problems().isEmpty()) {
                System.out.println("problems (first ones): " + rec.problems().subList(0, Math.min(5, rec.problems().size())));
            }
            return incomplete == 0 && rec.disconnected() == 0 ? 0 : 1;
        }
    }
}
