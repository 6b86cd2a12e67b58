package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.stats.ProcStats;

/**
 * Scenario 4: one real agent process ({@code loa-agent.jar run --hardware sim}) per set of JVM flags,
 * against a controller process: start-up (process start → station online in the API), RSS and CPU
 * while idle, and while playing a recorded EMERGENCY announcement, read from /proc.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Footprint of one real agent process (RSS, CPU idle and playing, start-up) per set of JVM flags.")
final class AgentFootprint implements Callable<Integer> {
    @Option(names = "--flags", split = ";", description = "JVM flag sets to compare, separated by ';' (default: a few)",
            defaultValue = ";-XX:+UseSerialGC -Xmx64m;-XX:+UseSerialGC -Xmx64m -Xss256k -XX:TieredStopAtLevel=1;"
                    + "-XX:+UseSerialGC -Xmx64m -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m "
                    + "-XX:MaxMetaspaceSize=48m -XX:CICompilerCount=1 -XX:+UseCompactObjectHeaders")
    List<String> flagSets;
    @Option(names = "--idle-seconds", defaultValue = "20")
    int idleSeconds;
    @Option(names = "--play-seconds", defaultValue = "30")
    int playSeconds;
    @Option(names = "--work", defaultValue = "/tmp/loa-bench/agent")
    Path work;
    @Option(names = "--controller-jar", defaultValue = "controller/target/loa-controller.jar")
    Path controllerJar;
    @Option(names = "--agent-jar", defaultValue = "station-agent/target/loa-agent.jar")
    Path agentJar;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("agent jar " + agentJar.toAbsolutePath() + " not found: build it or pass --agent-jar");
        }
        Files.createDirectories(work);
        Fleet saved = Fleet.load(work);
        String password = saved != null ? saved.password() : Fleet.newPassword();
        List<String> rows = new ArrayList<>();
        try (ControllerProcess controller = ControllerProcess.start(controllerJar, work, password, List.of())) {
            Api api = new Api(controller.baseUrl());
            Fleet fleet = Fleet.ensure(api, work, password, saved, 1);
            var station = fleet.stations().get(0);
            long bulletin = api.uploadBulletin("Bản tin thử", SpeechLike.wav(SpeechLike.generate(24_000, playSeconds, 5), 24_000));
            int round = 0;
            for (String flags : flagSets) {
                Path data = work.resolve("agent-data-" + round++);
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                if (!flags.isBlank()) {
                    cmd.addAll(Arrays.asList(flags.trim().split("\\s+")));
                }
                cmd.addAll(List.of("-jar", agentJar.toString(), "run", "--hardware", "sim", "--tls", "off", "--controller",
                        "127.0.0.1:" + controller.agentPort(), "--station", Long.toString(station.stationId()), "--secret",
                        station.secret(), "--data", data.toString()));
                long t0 = System.nanoTime();
                Process agent = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("agent.log").toFile())).start();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!api.get("/api/v1/stations/" + station.stationId()).path("online").asBoolean()) {
                        if (!agent.isAlive() || System.nanoTime() > deadline) {
                            throw new IllegalStateException("agent with flags [" + flags + "] did not come online; see "
                                    + work.resolve("agent.log"));
                        }
                        Rig.pause(20);
                    }
                    double startup = (System.nanoTime() - t0) / 1e9;
                    Rig.pause(5000);
                    ProcStats.Sample i0 = ProcStats.sample(agent.pid());
                    Rig.pause(idleSeconds * 1000L);
                    ProcStats.Sample i1 = ProcStats.sample(agent.pid());
                    JsonNode a = api.post("/api/v1/announcements", Map.of("title", "Khẩn cấp thử", "priority", "EMERGENCY",
                            "chime", false, "targets", Map.of("stationIds", List.of(station.stationId())),
                            "source", Map.of("type", "bulletin", "bulletinId", bulletin)), 201);
                    Rig.pause(2000); // lead, warm-up, zones
                    ProcStats.Sample p0 = ProcStats.sample(agent.pid());
                    Rig.pause((playSeconds - 4) * 1000L);
                    ProcStats.Sample p1 = ProcStats.sample(agent.pid());
                    long hwm = ProcStats.statusKb(agent.pid(), "VmHWM:");
                    String state = api.get("/api/v1/announcements/" + a.get("id").asLong()).get("stations").get(0)
                            .get("state").asText();
                    rows.add(String.format("| `%s` | %.2f s | %.0f MB | %.2f %% | %.0f MB | %.2f %% | %.0f MB | %d | %s |",
                            flags.isBlank() ? "(defaults)" : flags, startup, i1.rssKb() / 1024.0, i1.cpuPercentSince(i0),
                            p1.rssKb() / 1024.0, p1.cpuPercentSince(p0), hwm / 1024.0, p1.threads(), state));
                    System.out.println(rows.get(rows.size() - 1));
                    // wait for the end of the play so that the next agent starts from a quiet controller
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (System.nanoTime() < end && !List.of("DONE", "FAILED").contains(api.get("/api/v1/announcements/"
                            + a.get("id").asLong()).get("stations").get(0).get("state").asText())) {
                        Rig.pause(200);
                    }
                } finally {
                    agent.destroy();
                    if (!agent.waitFor(15, TimeUnit.SECONDS)) {
                        agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| JVM flags | start → online | RSS idle | CPU idle (% of one core) | RSS playing | CPU playing | peak RSS | threads | announcement |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        return 0;
    }
}
