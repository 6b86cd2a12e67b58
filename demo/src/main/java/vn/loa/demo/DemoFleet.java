package vn.loa.demo;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.StationAgent;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.hardware.sim.SimHardware;

/**
 * Simulated stations: real station agents in this process, speaking the real protocol over
 * loopback TCP (mutual TLS with the certificates they enrolled for, when the agent port requires it),
 * on simulated hardware that records under {@code <data>/sim/<stationId>/}.
 */
public final class DemoFleet implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<StationAgent> agents = new ArrayList<>();

    public DemoFleet(List<DemoSeeder.DemoStation> stations, String host, int agentPort, Path dataDir) {
        for (DemoSeeder.DemoStation s : stations) {
            AgentConfig config = AgentConfig.of(host, agentPort, s.id(), s.secret(), s.agentDir())
                    .withReconnect(Duration.ofMillis(300), Duration.ofSeconds(10));
            if (s.tlsIdentity() != null) {
                config = config.withTls(s.tlsIdentity()); // enrolled by DemoSeeder: mutual TLS, no secret sent
            }
            Path simDir = dataDir.resolve("sim").resolve(Long.toString(s.id()));
            agents.add(new StationAgent(config, clock -> SimHardware.create(simDir, clock, Set.of()).hardware(),
                    OpusAudioSource::open, group));
        }
    }

    public void start() {
        agents.forEach(StationAgent::start);
    }

    public List<StationAgent> agents() {
        return agents;
    }

    @Override
    public void close() {
        agents.forEach(StationAgent::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
