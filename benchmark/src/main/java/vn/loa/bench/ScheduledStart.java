package vn.loa.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.loa.agent.AgentConfig;

/**
 * {@code urgent-start --mode scheduled}: does a scheduled bulletin's first sample leave every station's
 * card on its planned instant? Each round schedules the bulletin once (rule {@code once}, a whole second
 * 20 s ahead) on every station, after the amplifiers have switched off (a cold start: the full warm-up),
 * and reads each simulated card's event log: the instant its audio output took the first sample
 * (station clock, ms) minus the planned instant. A plan item plays whole, so the first sample recorded is
 * the bulletin's first. What the agents report is not used.
 */
final class ScheduledStart {
    private static final Pattern AUDIO_START = Pattern.compile("\"atMs\":(\\d+),\"device\":\"audio\",\"state\":\"start\"");
    private static final long AHEAD_MS = 20_000;

    private ScheduledStart() {
    }

    static int run(HttpClient http, ObjectMapper json, String base, String token, long bulletin, long province, Path dir,
            int rounds, int warmup) throws IOException, InterruptedException {
        List<Long> offsets = new ArrayList<>();
        List<Long> spreads = new ArrayList<>();
        for (int round = -warmup; round < rounds; round++) {
            UrgentStart.pause(AgentConfig.DEFAULT_HOLD.toMillis() + 1000); // the amplifiers are off again
            Instant at = Instant.now().plusMillis(AHEAD_MS).truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/schedules"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                            json.writeValueAsString(Map.of("bulletinId", bulletin, "title", "Bản tin " + round,
                                    "targets", Map.of("areaIds", List.of(province)),
                                    "rule", Map.of("type", "once", "at", at.toString()))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("schedule refused: " + r.body());
            }
            long planned = at.toEpochMilli();
            UrgentStart.pause(Math.max(0, planned - System.currentTimeMillis()) + 3_000 + 3_000); // 3 s bulletin
            List<Long> round_ = new ArrayList<>();
            try (Stream<Path> sims = Files.list(dir.resolve("sim"))) {
                for (Path sim : sims.sorted().toList()) {
                    round_.add(firstSampleAt(sim, planned) - planned);
                }
            }
            long min = Collections.min(round_);
            long max = Collections.max(round_);
            boolean counted = round >= 0;
            if (counted) {
                offsets.addAll(round_);
                spreads.add(max - min);
            }
            System.out.printf("%s %2d: first sample %+d … %+d ms from the planned instant (%d stations, spread %d ms)%n",
                    counted ? "round " : "warmup", counted ? round + 1 : warmup + round + 1, min, max, round_.size(),
                    max - min);
        }
        List<Long> abs = offsets.stream().map(Math::abs).toList();
        System.out.println();
        System.out.printf("scheduled start, %d rounds × %d stations: |first sample − planned| p50 %d ms, p99 %d ms, "
                + "max %d ms; first sample − planned from %+d to %+d ms; spread per round p50 %d, max %d ms%n", rounds,
                offsets.size() / Math.max(1, rounds), UrgentStart.pct(abs, 50), UrgentStart.pct(abs, 99),
                Collections.max(abs), Collections.min(offsets), Collections.max(offsets), UrgentStart.pct(spreads, 50),
                Collections.max(spreads));
        return Collections.max(abs) <= 5 ? 0 : 1;
    }

    /** The card's first "audio start" within 10 s of the planned instant (station clock, ms). */
    static long firstSampleAt(Path simDir, long planned) throws IOException {
        for (String line : Files.readAllLines(simDir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            Matcher m = AUDIO_START.matcher(line);
            if (m.find()) {
                long atMs = Long.parseLong(m.group(1));
                if (Math.abs(atMs - planned) < 10_000) {
                    return atMs;
                }
            }
        }
        throw new IllegalStateException(simDir + ": no audio started within 10 s of the planned instant "
                + Instant.ofEpochMilli(planned));
    }
}
