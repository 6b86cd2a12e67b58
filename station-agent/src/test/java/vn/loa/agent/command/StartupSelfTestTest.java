package vn.loa.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.health.PlayStats;
import vn.loa.agent.player.StationTimings;
import vn.loa.agent.player.StationVolume;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.protocol.v1.CommandResult;

/**
 * The start-up self-test a release on trial must pass before it is good (docs/updates.md#the-agent): the silent test
 * of every zone on simulated hardware — passes on working relays, fails naming a zone that does not read back, and
 * is deferred while the loudspeakers are busy.
 */
@Timeout(30)
class StartupSelfTestTest {
    @TempDir
    Path dir;

    private CommandExecutor executor(SimHardware.Devices d, AirTime airTime) {
        StationTimings timings = new StationTimings(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofSeconds(60));
        return new CommandExecutor(1, timings, d.hardware(), new StationVolume(), new PlayStats(), new VolumeStore(dir),
                Optional.empty(), airTime, Clock.systemUTC(), r -> { }, () -> { });
    }

    @Test
    void workingRelaysPass() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir.resolve("sim"), Clock.systemUTC(), Set.of(1L, 2L));
        CommandResult r = executor(d, ms -> Optional.empty()).startupSelfTest().get(20, TimeUnit.SECONDS);
        assertThat(r.getStatus()).as(r.getMessage()).isEqualTo(CommandResult.Status.SUCCEEDED);
        assertThat(r.getMessage()).isEqualTo("amplifier and 2 zones switched and read back");
        assertThat(d.amplifier().isPowered()).as("the amplifier is off again").isFalse();
        assertThat(d.zones().activeZones()).isEmpty();
    }

    @Test
    void aZoneThatDoesNotReadBackFails() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir.resolve("sim"), Clock.systemUTC(), Set.of(1L, 2L));
        d.zones().simulateFault(2L);
        CommandResult r = executor(d, ms -> Optional.empty()).startupSelfTest().get(20, TimeUnit.SECONDS);
        assertThat(r.getStatus()).isEqualTo(CommandResult.Status.FAILED);
        assertThat(r.getMessage()).isEqualTo("1 of 2 zones failed");
    }

    @Test
    void busyLoudspeakersDeferIt() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir.resolve("sim"), Clock.systemUTC(), Set.of(1L));
        CommandResult r = executor(d, ms -> Optional.of("announcement b7 plays")).startupSelfTest().get(20, TimeUnit.SECONDS);
        assertThat(r.getStatus()).isEqualTo(CommandResult.Status.REJECTED);
        assertThat(r.getMessage()).isEqualTo("loudspeakers busy: announcement b7 plays");
        assertThat(d.amplifier().isPowered()).isFalse();
    }
}
