package vn.loa.controller.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.hardware.sim.SimHardware;

/**
 * A real agent in this JVM on simulated hardware whose devices the test can reach — to flip a fault
 * input, break a relay, or read what the output recorded.
 */
public final class SimStation implements AutoCloseable {
    private final StationAgent agent;
    private final SimHardware.Devices devices;
    private final Path simDir;

    private SimStation(StationAgent agent, SimHardware.Devices devices, Path simDir) {
        this.agent = agent;
        this.devices = devices;
        this.simDir = simDir;
    }

    public static SimStation start(String host, int port, long stationId, String secret, Path root) {
        Path dataDir = root.resolve("agent-" + stationId);
        Path simDir = root.resolve("sim-" + stationId);
        AgentConfig config = AgentConfig.of(host, port, stationId, secret, dataDir)
                .withTimings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(500))
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        AtomicReference<SimHardware.Devices> devices = new AtomicReference<>();
        StationAgent agent = new StationAgent(config, clock -> {
            SimHardware.Devices d = SimHardware.create(simDir, clock, Set.of());
            devices.set(d);
            return d.hardware();
        }, OpusAudioSource::open, null, () -> "test-boot");
        agent.start();
        return new SimStation(agent, devices.get(), simDir);
    }

    public StationAgent agent() {
        return agent;
    }

    public SimHardware.Devices devices() {
        return devices;
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
