package vn.loa.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/**
 * The done-when test of issue 17 (docs/updates.md): two stations, each a real launcher process running a real
 * agent process from its jar. A release is rolled out to the canary and then the rest, each restarted into it
 * by its launcher, while two EMERGENCY announcements (one as the rollout starts, one while the rest is offered
 * the release) play in full at both stations, whatever version each runs, and nothing else plays; a release that
 * cannot start is reverted by the canary's launcher and the rollout pauses
 * before the second station is offered it; a release whose signature does not verify is refused before a byte
 * is downloaded.
 *
 * <p>The "jars" are manifest-only jars whose Class-Path is this test's classpath (the code under test), with a
 * main class (or, for the broken release, one that does not exist).
 */
@Tag("e2e")
@Timeout(300)
class OtaEndToEndTest {
    /** The EMERGENCY's length: long enough that a station restarting into a new release joins it while it runs. */
    private static final double EMERGENCY_SECONDS = 12;

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private final List<ChildJvm> launchers = new ArrayList<>();

    /** SIGTERM to each launcher (it stops its agent first); anything left of its process tree is then killed. */
    @AfterEach
    void stopLaunchers() throws Exception {
        for (ChildJvm l : launchers) {
            var handle = ProcessHandle.of(l.pid());
            List<ProcessHandle> tree = handle.map(h -> h.descendants().toList()).orElse(List.of());
            handle.ifPresent(ProcessHandle::destroy);
            handle.ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> h).join());
            tree.forEach(ProcessHandle::destroyForcibly);
            l.close();
        }
    }

    @Test
    void canaryThenRestBrokenReleaseRevertedAndPausedBadSignatureRefused() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient admin = controller.admin();
        assertThat(admin.post("/api/v1/accounts", Map.of("username", "admin.hai", "password", "mat-khau-rat-dai",
                "role", "ADMIN")).status()).isEqualTo(201);
        ApiClient second = new ApiClient(controller.httpPort()).login("admin.hai", "mat-khau-rat-dai");
        long province = ApiFixtures.province(admin);
        long commune = ApiFixtures.area(admin, "Xã Kiên Mộc", "COMMUNE", province);
        ApiFixtures.StationRef canary = ApiFixtures.station(admin, "Đài Kiên Mộc", commune, 1);
        ApiFixtures.StationRef rest = ApiFixtures.station(admin, "Đài Đội Cấn", commune, 1);

        Path packaged = jar("packaged.jar", "vn.loa.agent.cli.AgentCommand");
        Path data1 = dir.resolve("station-1");
        Path data2 = dir.resolve("station-2");
        launch(controller, canary, data1, packaged);
        launch(controller, rest, data2, packaged);
        await().atMost(Duration.ofSeconds(90)).until(() -> online(admin, canary.id()) && online(admin, rest.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data1.resolve("pki/release-key.der"))
                && Files.exists(data2.resolve("pki/release-key.der")));

        // 1. release B to the canary, then to the rest; an EMERGENCY is sent as the rollout starts, and another once
        // the canary runs B and the rest is being offered it: both play everywhere, on whatever version runs
        long b = release(admin, second, jar("b.jar", "vn.loa.agent.cli.AgentCommand"), "2.0.0-b");
        ApiFixtures.BulletinRef warning = ApiFixtures.uploadWav(admin, "Cảnh báo lũ quét", TestWav.tone(24_000, EMERGENCY_SECONDS));
        List<Long> both = List.of(canary.id(), rest.id());
        long r1 = rollout(admin, b, both);
        long e1 = emergency(admin, warning.id(), both);
        await().atMost(Duration.ofSeconds(120)).until(() -> !admin.get("/api/v1/rollouts/" + r1).json().get("stations")
                .get(1).path("offeredAt").isNull());
        long e2 = emergency(admin, warning.id(), both);
        await().atMost(Duration.ofSeconds(120)).until(() -> state(admin, r1).equals("COMPLETED"));
        for (long e : List.of(e1, e2)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !admin.get("/api/v1/announcements/" + e).json().get("state")
                    .asText().equals("ACTIVE"));
            JsonNode a = admin.get("/api/v1/announcements/" + e).json();
            assertThat(a.get("state").asText()).as(a.toString()).isEqualTo("DONE");
            a.get("stations").forEach(s -> assertThat(s.get("state").asText()).as(a.toString()).isEqualTo("DONE"));
        }
        // what the simulated sound cards recorded: each EMERGENCY in full at each station, and nothing else
        for (Path data : List.of(data1, data2)) {
            assertThat(recordedSeconds(data, e1)).as(data + ": first EMERGENCY").isGreaterThanOrEqualTo(EMERGENCY_SECONDS - 0.5);
            assertThat(recordedSeconds(data, e2)).as(data + ": second EMERGENCY").isGreaterThanOrEqualTo(EMERGENCY_SECONDS - 0.5);
            assertThat(recordings(data)).as("nothing but the two EMERGENCY announcements played at " + data)
                    .allMatch(f -> f.endsWith("-b" + e1 + ".wav") || f.endsWith("-b" + e2 + ".wav"));
        }
        JsonNode stations = admin.get("/api/v1/rollouts/" + r1).json().get("stations");
        assertThat(stations.get(0).get("stationId").asLong()).isEqualTo(canary.id());
        assertThat(stations.get(0).get("wave").asInt()).isZero();
        assertThat(stations.get(1).get("wave").asInt()).isEqualTo(1);
        assertThat(stations.get(0).get("changedAt").asText()).as("the canary finished before the rest was offered")
                .isLessThanOrEqualTo(stations.get(1).get("offeredAt").asText());
        for (Path data : List.of(data1, data2)) {
            assertThat(Files.readSymbolicLink(data.resolve("releases/current")).toString()).isEqualTo("2.0.0-b");
            assertThat(data.resolve("releases/2.0.0-b/good")).exists();
        }

        // 2. a release that cannot start: the canary's launcher reverts it, the rollout pauses, the rest is not offered
        long broken = release(admin, second, jar("broken.jar", "vn.loa.agent.NoSuchMain"), "3.0.0-broken");
        long r2 = rollout(admin, broken, List.of(canary.id(), rest.id()));
        await().atMost(Duration.ofSeconds(120)).until(() -> state(admin, r2).equals("PAUSED"));
        JsonNode s2 = admin.get("/api/v1/rollouts/" + r2).json().get("stations");
        assertThat(s2.get(0).get("state").asText()).isEqualTo("FAILED");
        assertThat(s2.get(0).get("detail").asText()).contains("REVERTED").contains("EXITED_DURING_TRIAL");
        assertThat(s2.get(1).get("state").asText()).isEqualTo("WAITING");
        assertThat(data1.resolve("releases/3.0.0-broken/bad")).exists();
        await().atMost(Duration.ofSeconds(60)).until(() -> online(admin, canary.id()));
        assertThat(Files.readSymbolicLink(data1.resolve("releases/current")).toString()).isEqualTo("2.0.0-b");
        assertThat(data2.resolve("releases/3.0.0-broken")).doesNotExist();
        assertThat(admin.post("/api/v1/rollouts/" + r2 + "/abort", Map.of()).status()).isEqualTo(200);

        // 3. a signature that does not verify: refused before downloading
        long c = release(admin, second, jar("c.jar", "vn.loa.agent.cli.AgentCommand"), "4.0.0-c");
        new Jdbc(controller.controller().database()).update("UPDATE agent_release SET signature = ? WHERE id = ?",
                new byte[64], c);
        long r3 = rollout(admin, c, List.of(rest.id()));
        await().atMost(Duration.ofSeconds(60)).until(() -> state(admin, r3).equals("PAUSED"));
        JsonNode s3 = admin.get("/api/v1/rollouts/" + r3).json().get("stations");
        assertThat(s3.get(0).get("detail").asText()).contains("REFUSED").contains("BAD_SIGNATURE");
        assertThat(data2.resolve("releases/4.0.0-c")).doesNotExist();
        assertThat(Files.readSymbolicLink(data2.resolve("releases/current")).toString()).isEqualTo("2.0.0-b");

        JsonNode audit = admin.get("/api/v1/audit?limit=100").json();
        assertThat(audit.toString()).contains("release:2.0.0-b").contains("rollout:" + r1).contains("rollout:" + r2);
    }

    /** An EMERGENCY announcement of the bulletin to the stations, without a chime. */
    private static long emergency(ApiClient admin, long bulletinId, List<Long> stationIds) {
        ApiClient.Response r = admin.post("/api/v1/announcements", Map.of("title", "Khẩn cấp: lũ quét", "priority", "EMERGENCY",
                "targets", Map.of("stationIds", stationIds), "source", Map.of("type", "bulletin", "bulletinId", bulletinId),
                "chime", false));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The file names of a station's simulated sound card recordings ({@code <data>/sim}). */
    private static List<String> recordings(Path data) throws IOException {
        Path sim = data.resolve("sim");
        if (!Files.isDirectory(sim)) {
            return List.of();
        }
        try (var files = Files.list(sim)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wav")).sorted().toList();
        }
    }

    /** The seconds of audio a station's sound card recorded for announcement {@code id} (all its recordings). */
    private static double recordedSeconds(Path data, long id) throws Exception {
        double total = 0;
        for (String name : recordings(data)) {
            if (name.endsWith("-b" + id + ".wav")) {
                var format = javax.sound.sampled.AudioSystem.getAudioFileFormat(data.resolve("sim").resolve(name).toFile());
                total += format.getFrameLength() / format.getFormat().getFrameRate();
            }
        }
        return total;
    }

    private void launch(TestController controller, ApiFixtures.StationRef station, Path data, Path packaged)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--packaged-jar", packaged.toString(),
                "--restart-delay-ms", "200", "--", java, "-Xmx160m", "-XX:TieredStopAtLevel=1", "-jar", "{jar}", "run",
                "--controller", "127.0.0.1:" + controller.agentPort(), "--station", Long.toString(station.id()),
                "--secret", station.secret(), "--data", data.toString(), "--hardware", "sim"));
        launchers.add(ChildJvm.start("vn.loa.agent.update.LauncherMain", args,
                Path.of("target", "ota-e2e-logs").resolve("launcher-" + station.id() + ".log"), Map.of()));
    }

    /** A manifest-only jar running {@code mainClass} from this test's classpath. */
    private Path jar(String name, String mainClass) throws IOException {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path file = dir.resolve("jars").resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return file;
    }

    private static long release(ApiClient admin, ApiClient approver, Path jar, String version) throws IOException {
        ApiClient.Response up = admin.send(admin.builder("/api/v1/releases?version=" + version)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(jar))));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long id = up.json().get("id").asLong();
        ApiClient.Response ok = approver.post("/api/v1/releases/" + id + "/approve", Map.of());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        return id;
    }

    private static long rollout(ApiClient admin, long releaseId, List<Long> stationIds) {
        ApiClient.Response r = admin.post("/api/v1/rollouts", Map.of("releaseId", releaseId, "stationIds", stationIds,
                "canary", 1, "percents", List.of(100), "maxFailureShare", 0.0, "trialLimitSeconds", 60,
                "stationTimeoutMinutes", 5));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String state(ApiClient admin, long rolloutId) {
        return admin.get("/api/v1/rollouts/" + rolloutId).json().get("state").asText();
    }

    private static boolean online(ApiClient admin, long stationId) {
        return admin.get("/api/v1/stations/" + stationId).json().path("online").asBoolean();
    }
}
