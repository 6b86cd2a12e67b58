package vn.loa.controller.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.hardware.sim.SimHardware;

/**
 * A real station agent in this JVM on simulated hardware, dialling a controller over loopback TCP.
 * Short timings keep tests quick: warm-up 300 ms, zone settle 100 ms, hold 500 ms.
 */
public final class TestAgent implements AutoCloseable {
    public static final String BOOT_ID = "test-boot";

    private final StationAgent agent;
    private final Path simDir;
    private final Path dataDir;

    private TestAgent(StationAgent agent, Path dataDir, Path simDir) {
        this.agent = agent;
        this.dataDir = dataDir;
        this.simDir = simDir;
    }

    public static TestAgent start(int agentPort, long stationId, String secret, Path root) {
        Path dataDir = root.resolve("agent-" + stationId);
        Path simDir = root.resolve("sim-" + stationId);
        AgentConfig config = AgentConfig.of("127.0.0.1", agentPort, stationId, secret, dataDir)
                .withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(500))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        StationAgent agent = new StationAgent(config, clock -> SimHardware.create(simDir, clock, Set.of()).hardware(),
                OpusAudioSource::open, null, () -> BOOT_ID);
        agent.start();
        return new TestAgent(agent, dataDir, simDir);
    }

    /** Where {@link #start} and {@link #startTls} keep this station's files (enroll into it first for TLS). */
    public static Path dataDirOf(Path root, long stationId) {
        return root.resolve("agent-" + stationId);
    }

    /**
     * Like {@link #start}, over mutual TLS with the identity {@code loa-agent enroll} stored in
     * {@code dataDirOf(root, stationId)}; no secret is sent.
     */
    public static TestAgent startTls(int agentPort, long stationId, Path root) {
        Path dataDir = dataDirOf(root, stationId);
        Path simDir = root.resolve("sim-" + stationId);
        AgentConfig config = AgentConfig.ofTls("127.0.0.1", agentPort, stationId,
                        vn.loa.agent.pki.StationIdentity.file(dataDir), dataDir)
                .withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(500))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        StationAgent agent = new StationAgent(config, clock -> SimHardware.create(simDir, clock, Set.of()).hardware(),
                OpusAudioSource::open, null, () -> BOOT_ID);
        agent.start();
        return new TestAgent(agent, dataDir, simDir);
    }

    public StationAgent agent() {
        return agent;
    }

    public Path simDir() {
        return simDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public List<Path> recordings() throws IOException {
        if (!Files.isDirectory(simDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(simDir)) {
            return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    public List<String> events() throws IOException {
        Path f = simDir.resolve("events.jsonl");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Override
    public void close() {
        agent.close();
    }
}
