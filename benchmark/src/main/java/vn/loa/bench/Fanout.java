package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.loa.bench.load.BroadcastRecord;
import vn.loa.bench.load.FanoutTally;
import vn.loa.bench.load.FeedLog;
import vn.loa.bench.load.LiveFeeder;
import vn.loa.bench.load.LoadStations;
import vn.loa.bench.load.TimedSample;
import vn.loa.bench.stats.LatencyHistogram;
import vn.loa.bench.stats.Percentiles;
import vn.loa.bench.stats.ProcStats;

/**
 * Scenario 1: one live announcement, fed in real time over the WebSocket, to N lightweight stations
 * of one controller process. Measures the controller's CPU and memory per connection, and every
 * packet's delivery latency (arrival at the station minus the instant the feeder sent its audio). The
 * stations live in the harness or in {@code --load-processes} worker processes; their latencies are
 * computed where they arrived, from the feeder's log, and summed here bucket by bucket.
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
    @Option(names = "--warmup-seconds", defaultValue = "20", description = "a first live announcement of this many "
            + "seconds, fed and finished before the measured one and not counted: the controller's JIT compiles the "
            + "fan-out during it, as a controller that has run for a day has (0: none; default ${DEFAULT-VALUE})")
    int warmupSeconds;
    @Option(names = "--timed-sample", defaultValue = "1", description = "time the packets of 1 station in N (a hash of "
            + "the id, spread over the controller's batching turns); the others read in batches (SO_RCVLOWAT, epoll) and "
            + "count loss and completeness only, so that the load client's CPU does not saturate the machine (default "
            + "${DEFAULT-VALUE}: every station)")
    int timedSample;
    @Mixin
    LoadOptions loadOptions;

    @Override
    public Integer call() throws Exception {
        loadOptions.timedSample = new TimedSample(timedSample);
        try (Rig rig = Rig.start(work, controllerJar, controllerJvm, stations, clientThreads, concurrency, loadOptions)) {
            LoadStations rec = rig.load;
            if (warmupSeconds > 0) {
                warmUp(rig);
            }
            int frames = seconds * 50;
            FeedLog feed = new FeedLog(frames + 10);
            long id = liveAnnouncement(rig, "Trực tiếp thử tải");
            short[] pcm = SpeechLike.generate(LiveFeeder.RATE, seconds, 7);
            ProcStats.Sample c0 = rig.controller.sample();
            List<ProcStats.Sample> l0 = rec.cpu();
            LiveFeeder.feed(rig.api.http(), rig.api.base(), rig.api.token(), id, pcm, feed, rig.clock);
            ProcStats.Sample c1 = rig.controller.sample();
            List<ProcStats.Sample> l1 = rec.cpu();
            // every station reports DONE after its last packet has played (the 800 ms lead later)
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (rec.finished(id) < stations && System.nanoTime() < deadline) {
                Rig.pause(100);
            }
            List<BroadcastRecord> records = rec.records(id);
            FanoutTally tally = rec.tally(id, feed);
            long received = tally.received();
            long missing = tally.missing();
            long late = tally.late();
            long incomplete = stations - tally.finished();
            int disconnected = rec.disconnected();
            long done = storedDone(rig, id, tally.finished());
            LatencyHistogram d = tally.histogram();
            double cpu = c1.cpuPercentSince(c0);
            double clientCpu = 0;
            for (int i = 0; i < l0.size(); i++) {
                clientCpu += l1.get(i).cpuPercentSince(l0.get(i));
            }
            System.out.println();
            System.out.printf("fan-out: %d stations, live %d s (%d packets each), controller pid %d%n", stations, seconds,
                    frames, rig.controller.pid());
            System.out.println("| stations | load processes (transport) | controller CPU (% of one core) | load client CPU (sum) | controller RSS per station | heap per station | frame latency p50 / p99 / max | packets delivered | lost | late (after play instant) | stations DONE | disconnects |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %,d | %d (%s) | %.1f %% | %.1f %% | %.1f kB | %.1f kB | %.1f / %.1f / %.1f ms | %,d of %,d | %,d | %,d | %,d | %d |%n",
                    stations, rec.processes(), rig.transport, cpu, clientCpu, rig.rssPerStationKb(), rig.heapPerStationKb(),
                    d.count() == 0 ? Double.NaN : d.percentileUs(50) / 1000.0,
                    d.count() == 0 ? Double.NaN : d.percentileUs(99) / 1000.0, d.maxUs() / 1000.0,
                    received, (long) frames * stations, Math.max(0, (long) frames * stations - received), late, done, disconnected);
            System.out.printf("controller RSS %d MB at the end, threads %d; frames later than 50 ms: %,d; connect %.1f s%n",
                    c1.rssKb() / 1024, c1.threads(), d.above(50_000), rig.connectSeconds);
            System.out.printf("controller CPU per station: %.4f %% of a core (%s)%n", cpu / stations,
                    loadOptions.pinning());
            if (timedSample > 1) {
                System.out.printf("timed sample: frame latency, late and lags from %,d stations (1 in %d); the other "
                        + "%,d read in batches (SO_RCVLOWAT %d kB on average, on a loop of their own) and count only "
                        + "packets, gaps and completeness%n",
                        records.stream().filter(BroadcastRecord::timed).count(), timedSample,
                        records.stream().filter(r -> !r.timed()).count(), TimedSample.BATCH_BYTES / 1024);
            }
            System.out.println("frame latency p99 by second of the feed (ms" + (seconds > FanoutTally.BY_SECOND_MAX
                    ? ", its first " + FanoutTally.BY_SECOND_MAX + " s" : "") + "): " + bySecond(tally));
            System.out.println("packets above 100 ms by second of the feed (% of all timed packets; "
                    + String.format("%.2f %% in all", 100.0 * d.above(100_000) / Math.max(1, d.count())) + "): "
                    + aboveBySecond(tally));
            printNotes(rig, rec, records, feed, tally, incomplete, missing);
            return incomplete == 0 && disconnected == 0 ? 0 : 1;
        }
    }

    /** "0: 521, 1: 241, …": where in the announcement the slow packets are. */
    private static String bySecond(FanoutTally tally) {
        List<Long> p99 = tally.p99BySecondUs();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p99.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(i).append(": ").append(p99.get(i) < 0 ? "–" : Long.toString(p99.get(i) / 1000));
        }
        return b.toString();
    }

    /** "0: 0.31, 1: 0.12, …" (only the seconds with any). */
    private static String aboveBySecond(FanoutTally tally) {
        List<Double> share = tally.shareAboveBySecond(100_000);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < share.size(); i++) {
            if (share.get(i) >= 0.005) {
                b.append(b.isEmpty() ? "" : ", ").append(i).append(": ").append(String.format("%.2f", share.get(i)));
            }
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    private static long liveAnnouncement(Rig rig, String title) throws Exception {
        return rig.api.post("/api/v1/announcements", Map.of("title", title, "priority", "PRIORITY", "chime", false,
                "targets", rig.targets(), "source", Map.of("type", "live")), 201).get("id").asLong();
    }

    /**
     * Stations the controller shows DONE for the announcement. The controller stores the stations' states in
     * batches (every 200 ms), so when the load has just finished, the last DONE rows may not be written yet
     * (4,959 of 5,000 once): read again until it shows as many as the stations finished, for at most 5 s.
     */
    private static long storedDone(Rig rig, long id, int finished) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            long done = 0;
            for (JsonNode s : rig.api.get("/api/v1/announcements/" + id).get("stations")) {
                done += s.get("state").asText().equals("DONE") ? 1 : 0;
            }
            if (done >= finished || System.nanoTime() > deadline) {
                return done;
            }
            Rig.pause(200);
        }
    }

    /** The warm-up announcement: fed, then waited for until every station is done with it (at most 20 s more). */
    private void warmUp(Rig rig) throws Exception {
        long id = liveAnnouncement(rig, "Khởi động thử tải");
        FeedLog log = new FeedLog(warmupSeconds * 50 + 10);
        LiveFeeder.feed(rig.api.http(), rig.api.base(), rig.api.token(), id,
                SpeechLike.generate(LiveFeeder.RATE, warmupSeconds, 11), log, rig.clock);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (rig.load.finished(id) < stations && System.nanoTime() < deadline) {
            Rig.pause(100);
        }
        System.out.printf("warm-up: a %d s live announcement, %,d of %,d stations done with it (not measured)%n",
                warmupSeconds, rig.load.finished(id), stations);
        Rig.pause(5_000); // its bookkeeping (1,000s of DONE reports stored) is over before the measured window
    }

    /** The lines under the table: memory per station, first and last packet lags, stragglers, clocks, problems. */
    private void printNotes(Rig rig, LoadStations rec, List<BroadcastRecord> records, FeedLog feed, FanoutTally tally,
            long incomplete, long missing) {
        int frames = seconds * 50;
        // the RSS delta is memory outside the heap only when the heap neither grew nor had untouched pages to touch
        if (rig.committedBeforeKb == rig.committedAfterKb && controllerJvm.contains("-XX:+AlwaysPreTouch")) {
            System.out.printf("memory per station: %.1f kB live heap + %.1f kB outside the heap (RSS delta; the heap is "
                    + "fixed and touched) = %.1f kB%n", rig.heapPerStationKb(), rig.nativePerStationKb(),
                    rig.heapPerStationKb() + rig.nativePerStationKb());
        } else {
            System.out.printf("memory per station: %.1f kB live heap; outside the heap not measurable unless the heap "
                    + "is fixed and touched (committed %d → %d MB): give the controller -Xms = -Xmx and -XX:+AlwaysPreTouch%n",
                    rig.heapPerStationKb(), rig.committedBeforeKb / 1024, rig.committedAfterKb / 1024);
        }
        List<Long> firstLag = records.stream().filter(r -> r.timed() && r.firstPacketUs() != 0)
                .map(r -> (r.firstPacketUs() - feed.sentUs(0)) / 1000).toList();
        List<Long> lastLag = records.stream().filter(r -> r.timed() && r.lastPacketUs() != 0)
                .map(r -> (r.lastPacketUs() - feed.sentUs(frames - 1)) / 1000).toList();
        if (!firstLag.isEmpty()) {
            System.out.printf("first packet after its audio was sent: p50 %d ms, max %d ms; last packet: p50 %d ms, max %d ms; "
                    + "the feeder sent its last audio %d ms late%n", Percentiles.of(firstLag).at(50),
                    Percentiles.of(firstLag).max(), Percentiles.of(lastLag).at(50), Percentiles.of(lastLag).max(),
                    (feed.sentUs(frames - 1) - feed.sentUs(0)) / 1000 - (frames - 1) * 20L);
        }
        if (incomplete > 0) {
            System.out.printf("%,d stations had not finished the announcement %d s after the feed (%,d still receiving "
                    + "it, their packets so far counted; %,d never started it); lost = packets that had not arrived "
                    + "then; gaps (packets skipped inside a stream): %,d%n", incomplete, 20, tally.unfinished(),
                    incomplete - tally.unfinished(), missing);
        }
        if (rec.processes() > 1) {
            rec.clockReport().forEach(System.out::println);
        }
        List<String> problems = rec.problems();
        if (!problems.isEmpty()) {
            System.out.println("problems (first ones): " + problems.subList(0, Math.min(5, problems.size())));
        }
    }
}
