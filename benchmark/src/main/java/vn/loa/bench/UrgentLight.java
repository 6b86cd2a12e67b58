package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.loa.bench.load.BroadcastRecord;
import vn.loa.bench.load.LoadStations;
import vn.loa.bench.load.PacketTiming;
import vn.loa.bench.stats.Percentiles;
import vn.loa.bench.stats.ProcStats;

/**
 * Scenarios 2 and 3 with lightweight stations: an EMERGENCY announcement of a recorded bulletin over
 * the HTTP API, then at every station "first audio" = the start instant, or the first packet's arrival
 * when that is later (what a real agent could do at best), and the spread of the BroadcastStart
 * arrivals between stations (the start skew that is the controller's share; a real agent adds its
 * clock error and its output latency).
 */
@Command(name = "urgent", mixinStandardHelpOptions = true,
        description = "API call → first audio at N lightweight stations, and the spread of the start's arrival.")
final class UrgentLight implements Callable<Integer> {
    @Option(names = "--stations", defaultValue = "1000")
    int stations;
    @Option(names = "--rounds", defaultValue = "10")
    int rounds;
    @Option(names = "--warmup", defaultValue = "1", description = "rounds run first and left out (JIT)")
    int warmup;
    @Option(names = "--client-threads", defaultValue = "2")
    int clientThreads;
    @Option(names = "--connect-concurrency", defaultValue = "256")
    int concurrency;
    @Option(names = "--work", description = "work directory (default /tmp/loa-bench/fleet-N; reused)")
    Path work;
    @Option(names = "--controller-jar", defaultValue = "controller/target/loa-controller.jar")
    Path controllerJar;
    @Option(names = "--controller-jvm", defaultValue = "")
    String controllerJvm;
    @Mixin
    LoadOptions loadOptions;

    @Override
    public Integer call() throws Exception {
        try (Rig rig = Rig.start(work, controllerJar, controllerJvm, stations, clientThreads, concurrency, loadOptions)) {
            LoadStations rec = rig.load;
            List<ProcStats.Sample> l0 = rec.cpu();
            long bulletin = rig.api.uploadBulletin("Khẩn cấp thử tải", SpeechLike.wav(SpeechLike.generate(24_000, 3, 11), 24_000));
            List<Long> firstAudio = new ArrayList<>();
            List<Long> startSpread = new ArrayList<>();
            List<Long> lastStart = new ArrayList<>();
            List<Long> lastFirstPacket = new ArrayList<>();
            List<Long> apiMs = new ArrayList<>();
            long lateStarts = 0;
            for (int round = -warmup; round < rounds; round++) {
                long requestedUs = rig.clock.nowUs();
                JsonNode created = rig.api.post("/api/v1/announcements", Map.of("title", "Khẩn cấp " + round,
                        "priority", "EMERGENCY", "chime", false, "targets", rig.targets(),
                        "source", Map.of("type", "bulletin", "bulletinId", bulletin)), 201);
                long answeredUs = rig.clock.nowUs();
                long id = created.get("id").asLong();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (rec.finished(id) < stations && System.nanoTime() < deadline) {
                    Rig.pause(50);
                }
                List<BroadcastRecord> rs = rec.records(id);
                if (rs.size() < stations) {
                    throw new IllegalStateException("announcement " + id + ": only " + rs.size() + " of " + stations
                            + " stations finished within 30 s; " + rec.problems());
                }
                long minStart = Long.MAX_VALUE;
                long maxStart = Long.MIN_VALUE;
                long maxFirst = Long.MIN_VALUE;
                long worst = 0;
                for (BroadcastRecord r : rs) {
                    long first = PacketTiming.firstAudioUs(r.startAtMs(), r.firstPacketUs());
                    if (round >= 0) {
                        firstAudio.add((first - requestedUs) / 1000);
                        lateStarts += first > r.startAtMs() * 1000 ? 1 : 0;
                    }
                    worst = Math.max(worst, first - requestedUs);
                    minStart = Math.min(minStart, r.startArrivedUs());
                    maxStart = Math.max(maxStart, r.startArrivedUs());
                    maxFirst = Math.max(maxFirst, r.firstPacketUs());
                }
                if (round >= 0) {
                    startSpread.add(maxStart - minStart);
                    lastStart.add((maxStart - requestedUs) / 1000);
                    lastFirstPacket.add((maxFirst - requestedUs) / 1000);
                    apiMs.add((answeredUs - requestedUs) / 1000);
                }
                System.out.printf("%s %2d: API answered in %d ms; last start arrived +%d ms, last first packet +%d ms; "
                        + "start spread %.1f ms; worst first audio +%d ms%n", round < 0 ? "warmup" : "round ",
                        round < 0 ? round + warmup + 1 : round + 1, (answeredUs - requestedUs) / 1000,
                        (maxStart - requestedUs) / 1000, (maxFirst - requestedUs) / 1000, (maxStart - minStart) / 1000.0,
                        worst / 1000);
                Rig.pause(500);
            }
            List<ProcStats.Sample> l1 = rec.cpu();
            double clientCpu = 0;
            for (int i = 0; i < l0.size(); i++) {
                clientCpu += l1.get(i).cpuPercentSince(l0.get(i));
            }
            Percentiles fa = Percentiles.of(firstAudio);
            Percentiles sp = Percentiles.of(startSpread);
            Percentiles ls = Percentiles.of(lastStart);
            Percentiles lf = Percentiles.of(lastFirstPacket);
            Percentiles api = Percentiles.of(apiMs);
            System.out.println();
            System.out.println("| stations | load processes (transport) | load client CPU (sum) | rounds | API call → first audio p50 / p99 / max | first packet after the start instant | API answer p50 | last BroadcastStart arrival p50 / max | last first packet p50 / max | BroadcastStart spread p50 / p99 / max |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %,d | %d (%s) | %.1f %% | %d | %d / %d / %d ms | %d of %,d | %d ms | +%d / +%d ms | +%d / +%d ms | %.1f / %.1f / %.1f ms |%n",
                    stations, rec.processes(), rig.transport, clientCpu, rounds, fa.at(50), fa.at(99), fa.max(), lateStarts, fa.count(), api.at(50), ls.at(50), ls.max(),
                    lf.at(50), lf.max(), sp.at(50) / 1000.0, sp.at(99) / 1000.0, sp.max() / 1000.0);
            if (rec.processes() > 1) {
                rec.clockReport().forEach(System.out::println);
            }
            return 0;
        }
    }
}
