package vn.loa.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.SensorReadings;

/** The simulated relays, sensors and the station built from them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SimDevicesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00.120Z");

    @TempDir
    Path dir;

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    @Test
    void zoneFaultMakesSwitchingOnThrowButSwitchingOffStillWorks() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir, Clock.systemUTC(), Set.of(1L, 2L));
        try (var hw = d.hardware()) {
            d.zones().setZone(2, true);
            d.zones().simulateFault(2);
            d.zones().simulateFault(1);

            assertThatThrownBy(() -> d.zones().setZone(1, true)).isInstanceOf(HardwareException.class)
                    .hasMessageContaining("zone 1");
            assertThat(d.zones().activeZones()).containsExactly(2L);
            d.zones().setZone(2, false); // a failing relay can still be released
            assertThat(d.zones().activeZones()).isEmpty();

            d.zones().clearFault(1);
            d.zones().setZone(1, true);
            assertThat(d.zones().activeZones()).containsExactly(1L);
        }
        assertThat(Recordings.describe(Recordings.events(events())))
                .containsExactly("zone 2 on", "zone 2 off", "zone 1 on", "zone 1 off");
    }

    @Test
    void zonesNotWiredAreRefusedUnlessTheSwitchIsWiredOnDemand() throws Exception {
        SimHardware.Devices wired = SimHardware.create(dir.resolve("wired"), Clock.systemUTC(), Set.of(1L));
        SimHardware.Devices onDemand = SimHardware.create(dir.resolve("any"), Clock.systemUTC(), Set.of());
        try (var a = wired.hardware(); var b = onDemand.hardware()) {
            assertThatThrownBy(() -> wired.zones().setZone(7, true)).isInstanceOf(HardwareException.class)
                    .hasMessageContaining("not wired");
            assertThat(onDemand.zones().zones()).isEmpty();
            onDemand.zones().setZone(7, true);
            onDemand.zones().setZone(3, false);
            assertThat(onDemand.zones().zones()).containsExactly(3L, 7L);
            assertThat(onDemand.zones().activeZones()).containsExactly(7L);
        }
    }

    @Test
    void amplifierFaultRefusesPowerOnButAllowsPowerOff() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir, Clock.systemUTC(), Set.of(1L));
        try (var hw = d.hardware()) {
            d.amplifier().setPowered(true);
            d.amplifier().setPowered(true); // no change, no event
            d.amplifier().simulateFault("overheated");
            assertThatThrownBy(() -> d.amplifier().setPowered(true)).isInstanceOf(HardwareException.class)
                    .hasMessageContaining("overheated");
            d.amplifier().setPowered(false);
            assertThat(d.amplifier().isPowered()).isFalse();
            assertThatThrownBy(() -> d.amplifier().setPowered(true)).isInstanceOf(HardwareException.class);
            d.amplifier().clearFault();
            d.amplifier().setPowered(true);
        }
        assertThat(Recordings.describe(Recordings.events(events())))
                .containsExactly("amplifier on", "amplifier off", "amplifier on", "amplifier off");
    }

    @Test
    void closeIsIdempotentAndSwitchesEverythingOff() throws Exception {
        SimHardware.Devices d = SimHardware.create(dir, Clock.fixed(T, ZoneOffset.UTC), Set.of(1L, 2L, 3L));
        d.amplifier().setPowered(true);
        d.zones().setZone(1, true);
        d.zones().setZone(3, true);
        d.audio().open(new PcmFormat(8000, 1), "open-at-close");
        d.audio().write(new short[16], 0, 16);

        d.hardware().close();
        assertThatCode(() -> d.hardware().close()).doesNotThrowAnyException();

        assertThat(d.amplifier().isPowered()).isFalse();
        assertThat(d.zones().activeZones()).isEmpty();
        var events = Recordings.events(events());
        assertThat(Recordings.describe(events)).containsExactly("amplifier on", "zone 1 on", "zone 3 on", "audio start",
                "audio stop", "zone 1 off", "zone 3 off", "amplifier off");
        assertThat(events).allSatisfy(e -> assertThat(e.atMs()).isEqualTo(T.toEpochMilli()));
        // the recording was finished properly by the shutdown
        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).hasSize(16);
    }

    @Test
    void sensorsReturnWhatTheTestSets() {
        SimSensors sensors = new SimSensors();
        assertThat(sensors.read()).isEqualTo(SensorReadings.NOMINAL);
        SensorReadings fault = new SensorReadings(true, false, true);
        sensors.set(fault);
        assertThat(sensors.read()).isEqualTo(fault);
    }

    @Test
    void eventLogQuotesFileNamesAsJson() {
        assertThat(SimEventLog.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }
}
