package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.agent.pki.Enroller;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.station.StationRepository;
import vn.loa.hardware.sim.SimHardware;

/**
 * Load harness: how long from the API call of an EMERGENCY announcement to the first audio sample
 * at every station, and how far apart the stations start. A real controller and N real agents on
 * loopback TCP in this process, on simulated hardware (which records every play), the announcement
 * sent over the real HTTP API. Each round waits for the amplifiers to switch off first, so every
 * round pays the full warm-up.
 */
@Command(name = "urgent-start", mixinStandardHelpOptions = true,
        description = "API call → first audio at every station, and start skew, for N simulated stations.")
public final class UrgentStart implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--stations", defaultValue = "37")
    int stations;
    @Option(names = "--rounds", defaultValue = "10")
    int rounds;
    @Option(names = "--warmup", defaultValue = "1", description = "rounds run first and left out of the figures (JIT)")
    int warmup;
    @Option(names = "--data", description = "work directory (default: a new temporary one)")
    Path data;
    @Option(names = "--tls", defaultValue = "on", description = "on (default): every agent is enrolled and connects with "
            + "mutual TLS 1.3, as in production; off: plain TCP with station secrets")
    String tls;
    @Option(names = "--mode", defaultValue = "urgent", description = "urgent (default): an EMERGENCY announcement per "
            + "round, API call → first sample; scheduled: a bulletin scheduled once per round, its first sample on "
            + "each card against its planned instant")
    String mode;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.exit(new CommandLine(new UrgentStart()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("loa-bench-");
        String password = UUID.randomUUID().toString();
        boolean agentTls = agentTls();
        ControllerConfig config = ControllerConfig.of(dir.resolve("controller"), 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(password).withSecurity(SecurityConfig.off().withAgentTls(agentTls));
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        EventLoopGroup agentLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<StationAgent> agents = new ArrayList<>();
        try (LoaController controller = new LoaController(config).start()) {
            String base = "http://127.0.0.1:" + controller.httpPort();
            long province = controller.areas().insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
            for (int i = 0; i < stations; i++) {
                agents.add(startStation(controller, base, province, i, agentTls, dir, agentLoops));
            }
            awaitConnected(agents);
            String token = signIn(http, json, base, password);
            long bulletin = upload(http, json, base, token, dir);
            System.out.printf("%d agents connected (%s)%n", stations, agentTls ? "mutual TLS 1.3" : "plain TCP");
            if (mode.equals("scheduled")) {
                return ScheduledStart.run(http, json, base, token, bulletin, province, dir, rounds, warmup);
            }
            Figures figures = new Figures();
            for (int round = -warmup; round < rounds; round++) {
                round(http, json, base, token, province, bulletin, dir, round, figures);
            }
            figures.print(stations, rounds);
        } finally {
            agents.forEach(StationAgent::close);
            agentLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        return 0;
    }

    /** The options checked: whether agents connect with mutual TLS. */
    private boolean agentTls() {
        boolean agentTls = switch (tls) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--tls must be on or off, got " + tls);
        };
        if (!mode.equals("urgent") && !mode.equals("scheduled")) {
            throw new IllegalArgumentException("--mode must be urgent or scheduled, got " + mode);
        }
        return agentTls;
    }

    /** Station {@code i}: its commune and two zones, and its agent (enrolled as a technician would, under TLS), started. */
    private static StationAgent startStation(LoaController controller, String base, long province, int i,
            boolean agentTls, Path dir, EventLoopGroup agentLoops) throws Exception {
        long commune = controller.areas().insert(province, "Xã " + i, AreaKind.COMMUNE, null);
        var created = controller.stationService().create("Đài " + i, commune,
                List.of(new StationRepository.NewZone("Thôn 1", null), new StationRepository.NewZone("Thôn 2", null)));
        long id = created.station().id();
        Path agentDir = dir.resolve("agents").resolve(Long.toString(id));
        AgentConfig ac;
        if (agentTls) {
            // enrolled as a technician enrolls a Pi: a token, then the agent's own key and request
            String enrollToken = controller.pki().enrollment().createToken(id, null, null).token();
            Enroller.enroll(URI.create(base), enrollToken, agentDir);
            ac = AgentConfig.ofTls("127.0.0.1", controller.agentPort(), id, StationIdentity.file(agentDir), agentDir);
        } else {
            ac = AgentConfig.of("127.0.0.1", controller.agentPort(), id, created.secret(), agentDir);
        }
        Path sim = dir.resolve("sim").resolve(Long.toString(id));
        StationAgent agent = new StationAgent(ac, clock -> SimHardware.create(sim, clock, Set.of()).hardware(),
                OpusAudioSource::open, agentLoops);
        agent.start();
        return agent;
    }

    private static void awaitConnected(List<StationAgent> agents) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!agents.stream().allMatch(a -> a.isConnected() && a.clock().isSynchronised())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stations did not all connect within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static String signIn(HttpClient http, ObjectMapper json, String base, String password) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("username", "admin", "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();
    }

    /** One round: an EMERGENCY announcement to the province, its starts as reported and as heard (warm-up uncounted). */
    private void round(HttpClient http, ObjectMapper json, String base, String token, long province, long bulletin,
            Path dir, int round, Figures figures) throws Exception {
        // the amplifiers switch off after their hold; wait for it so the round pays the warm-up
        pause(AgentConfig.DEFAULT_HOLD.toMillis() + 1000);
        long requested = System.currentTimeMillis();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/announcements"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("title", "Khẩn cấp " + round, "priority", "EMERGENCY",
                                "chime", false, "targets", Map.of("areaIds", List.of(province)),
                                "source", Map.of("type", "bulletin", "bulletinId", bulletin))))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("announcement refused: " + r.body());
        }
        long id = json.readTree(r.body()).get("id").asLong();
        JsonNode a = awaitDone(http, json, base, token, id);
        long startAt = java.time.Instant.parse(a.get("startAt").asText()).toEpochMilli();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean counted = round >= 0;
        for (JsonNode s : a.get("stations")) {
            long started = java.time.Instant.parse(s.get("startedAt").asText()).toEpochMilli();
            if (counted) {
                figures.latencies.add(started - requested);
                figures.offPlan.add(Math.abs(started - startAt));
            }
            min = Math.min(min, started);
            max = Math.max(max, started);
        }
        List<ContentSkew.Recording> recordings = new ArrayList<>();
        for (JsonNode s : a.get("stations")) {
            long stationId = s.get("stationId").asLong();
            recordings.add(ContentSkew.read(dir.resolve("sim").resolve(Long.toString(stationId)), stationId, id));
        }
        double heard = ContentSkew.spreadMs(ContentSkew.contentStarts(recordings));
        if (counted) {
            figures.skews.add(max - min);
            figures.contentSkews.add(heard);
        }
        System.out.printf("%s %2d: first audio %4d–%4d ms after the API call, skew %2d ms reported, %.0f ms on the recordings%n",
                counted ? "round " : "warmup", counted ? round + 1 : warmup + round + 1, min - requested,
                max - requested, max - min, heard);
    }

    /** What the counted rounds measured. */
    private static final class Figures {
        final List<Long> latencies = new ArrayList<>();
        final List<Long> skews = new ArrayList<>();
        final List<Double> contentSkews = new ArrayList<>();
        final List<Long> offPlan = new ArrayList<>();

        void print(int stations, int rounds) {
            System.out.println();
            System.out.printf("stations %d, rounds %d (%d starts)%n", stations, rounds, latencies.size());
            System.out.printf("API call → first audio: p50 %d ms, p99 %d ms, max %d ms%n", pct(latencies, 50),
                    pct(latencies, 99), Collections.max(latencies));
            System.out.printf("start skew per announcement: p50 %d ms, p99 %d ms, max %d ms%n", pct(skews, 50),
                    pct(skews, 99), Collections.max(skews));
            System.out.printf("first audio vs the common start instant: p50 %d ms, p99 %d ms%n", pct(offPlan, 50),
                    pct(offPlan, 99));
            List<Long> heardMs = contentSkews.stream().map(Math::round).toList();
            System.out.printf("start skew heard (content start on the recordings, ±1 ms): p50 %d ms, p99 %d ms, max %d ms%n",
                    pct(heardMs, 50), pct(heardMs, 99), Collections.max(heardMs));
        }
    }

    private static JsonNode awaitDone(HttpClient http, ObjectMapper json, String base, String token, long id)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode a = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/announcements/" + id))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            boolean done = true;
            for (JsonNode s : a.get("stations")) {
                String state = s.get("state").asText();
                if (state.equals("FAILED") || state.equals("OFFLINE")) {
                    throw new IllegalStateException("station " + s.get("stationId") + " " + state + ": " + s.get("reason"));
                }
                done &= state.equals("DONE");
            }
            if (done) {
                return a;
            }
            pause(50);
        }
        throw new IllegalStateException("announcement " + id + " did not finish within 60 s");
    }

    private static long upload(HttpClient http, ObjectMapper json, String base, String token, Path dir) throws Exception {
        // speech-like, not a tone: the recordings are placed against each other sample for sample (ContentSkew),
        // which a periodic signal would make ambiguous
        byte[] wav = SpeechLike.wav(SpeechLike.generate(24_000, 3, 11), 24_000);
        String boundary = "bench" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nKhẩn cấp\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.wav\"\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(wav);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bulletins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload refused: " + r.body());
        }
        return json.readTree(r.body()).get("id").asLong();
    }

    static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    static void pause(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

}
