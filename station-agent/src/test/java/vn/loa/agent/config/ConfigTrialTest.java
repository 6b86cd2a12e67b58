package vn.loa.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.sim.SimHardware;

/** The start-up choice with simulated devices (the e2e RemoteConfigurationTest drives a real Modbus board). */
class ConfigTrialTest {
    private static final String PACKAGED = "amplifier.gpio = 17\nzone.4.gpio = 27\n";
    private static final String PUSHED = "amplifier.gpio = 17\nzone.4.gpio = 27\nzone.5.gpio = 22\n";

    @TempDir
    Path data;

    private Path packaged() throws Exception {
        Path p = data.resolve("etc-hardware.properties");
        Files.writeString(p, PACKAGED);
        return p;
    }

    private final ConfigTrial.Opener sim = (config, clock) ->
            SimHardware.create(data.resolve("sim"), clock, config.zones().keySet()).hardware();

    @Test
    void withoutAPushThePackagedFileRuns() throws Exception {
        ConfigTrial.Choice c = ConfigTrial.choose(1, data, packaged(), sim, Clock.systemUTC());
        assertThat(c.config()).hasValueSatisfying(h -> assertThat(h.zones()).containsOnlyKeys(4L));
        assertThat(new ConfigDirectory(data).result()).isEmpty();
    }

    @Test
    void aStagedFileThatPassesItsSelfTestIsAppliedAndWinsOverThePackagedOne() throws Exception {
        new ConfigDirectory(data).stage(9, PUSHED);
        ConfigTrial.Choice c = ConfigTrial.choose(1, data, packaged(), sim, Clock.systemUTC());
        assertThat(c.config()).hasValueSatisfying(h -> assertThat(h.zones()).containsOnlyKeys(4L, 5L));
        assertThat(new ConfigDirectory(data).result()).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ConfigDirectory.Outcome.APPLIED);
            assertThat(r.testedZones()).containsExactly(5L);
        });
        assertThat(ConfigTrial.choose(1, data, packaged(), sim, Clock.systemUTC()).config())
                .hasValueSatisfying(h -> assertThat(h.zones()).containsOnlyKeys(4L, 5L));
    }

    @Test
    void aStagedFileWhoseHardwareFailsIsRolledBackToTheLastGoodFile() throws Exception {
        new ConfigDirectory(data).stage(10, PUSHED);
        ConfigTrial.Opener broken = (config, clock) -> {
            throw new HardwareException("board rs485 does not answer");
        };
        ConfigTrial.Choice c = ConfigTrial.choose(1, data, packaged(), broken, Clock.systemUTC());
        assertThat(c.config()).hasValueSatisfying(h -> assertThat(h.zones()).containsOnlyKeys(4L));
        assertThat(new ConfigDirectory(data).result()).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ConfigDirectory.Outcome.ROLLED_BACK);
            assertThat(r.reason()).contains("does not answer");
        });
        assertThat(new ConfigDirectory(data).staged()).isEmpty();
        assertThat(new ConfigDirectory(data).current()).isEmpty();
    }
}
