package vn.loa.controller.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.hardware.sim.SimHardware;

/**
 * A real station agent in this JVM on simulated hardware whose devices the test can reach (flip a fault
 * input, break a relay, read what the output recorded), dialling a controller over loopback TCP. The one way
 * tests run an in-process agent ({@link ChildJvm#agent} runs one in its own process). Short timings keep
 * tests quick: warm-up 300 ms, zone settle 100 ms, hold 500 ms.
 */
public final class TestAgent implements AutoCloseable {
    public static final String BOOT_ID = "test-boot";

    private final StationAgent agent;
    private final SimHardware.Devices devices;
    private final Path simDir;
    private final Path dataDir;

    private TestAgent(StationAgent agent, SimHardware.Devices devices, Path dataDir, Path simDir) {
        this.agent = agent;
        this.devices = devices;
        this.dataDir = dataDir;
        this.simDir = simDir;
    }

    /** With the station secret over plain TCP. */
    public static TestAgent start(int agentPort, long stationId, String secret, Path root) {
        return start(agentPort, stationId, secret, root, UnaryOperator.identity());
    }

    /** Like {@link #start(int, long, String, Path)}, with the test's changes to the agent's configuration. */
    public static TestAgent start(int agentPort, long stationId, String secret, Path root,
            UnaryOperator<AgentConfig> adjust) {
        Path dataDir = dataDirOf(root, stationId);
        return start(adjust.apply(quick(AgentConfig.of("127.0.0.1", agentPort, stationId, secret, dataDir))), root);
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
        return start(quick(AgentConfig.ofTls("127.0.0.1", agentPort, stationId,
                vn.loa.agent.pki.StationIdentity.file(dataDir), dataDir)), root);
    }

    private static AgentConfig quick(AgentConfig config) {
        return config.withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(500))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    /**
     * With the station secret over plain TCP, on the given machine clocks: a system clock off by a known amount,
     * another boot id (a reboot), the machine's own time sources (docs/resilience.md#time-without-the-controller).
     */
    public static TestAgent start(int agentPort, long stationId, String secret, Path root, StationAgent.ClockSetup clocks) {
        return start(quick(AgentConfig.of("127.0.0.1", agentPort, stationId, secret, dataDirOf(root, stationId))), root,
                clocks);
    }

    private static TestAgent start(AgentConfig config, Path root) {
        return start(config, root, new StationAgent.ClockSetup(java.time.Clock.systemUTC(), () -> BOOT_ID,
                vn.loa.agent.clock.LocalTimeSources.none(root)));
    }

    private static TestAgent start(AgentConfig config, Path root, StationAgent.ClockSetup clocks) {
        Path simDir = root.resolve("sim-" + config.stationId());
        AtomicReference<SimHardware.Devices> devices = new AtomicReference<>();
        StationAgent agent = new StationAgent(config, clock -> {
            SimHardware.Devices d = SimHardware.create(simDir, clock, Set.of());
            devices.set(d);
            return d.hardware();
        }, OpusAudioSource::open, null, clocks);
        agent.start();
        return new TestAgent(agent, devices.get(), config.dataDir(), simDir);
    }

    /** The simulated amplifier, zones, output and sensors this agent drives. */
    public SimHardware.Devices devices() {
        return devices;
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
