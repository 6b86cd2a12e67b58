package vn.loa.hardware.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.hardware.Amplifier;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.DeviceCheck;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;

/**
 * The coil of a normally-closed bypass: energised while the agent has the station; released in local mode and
 * when the station closes. {@code makeSafe()} (start, after a failed play) leaves it as it is: a failed play does
 * not hand the station to the local mixer, and the bypass never drops while the agent has the station.
 */
class RelayBypassTest {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final FakeRelay coil = new FakeRelay("coil", calls);
    private final FakeRelay amplifierRelay = new FakeRelay("amplifier", calls);
    private final FakeRelay zone1 = new FakeRelay("zone 1", calls);

    private StationHardware station() {
        return new StationHardware(new RelayAmplifier(amplifierRelay), new RelayZoneSwitch(new java.util.TreeMap<>(
                java.util.Map.of(1L, zone1))), new SilentAudio(), () -> SensorReadings.NOMINAL, new RelayBypass(coil),
                DeviceCheck.NONE, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // step                                         | coil energised | station with the local mixer
            "new (as a Pi that just booted)                 | false          | true",
            "the agent takes the station                    | true           | false",
            "local mode (switch or command)                 | false          | true",
            "local mode ends                                | true           | false"})
    void theCoilIsEnergisedExactlyWhileTheAgentHasTheStation(String step, boolean energised, boolean local)
            throws Exception {
        RelayBypass bypass = new RelayBypass(coil);
        switch (step.split(" ")[0] + step.split(" ")[1]) {
            case "new(as" -> { }
            case "theagent" -> bypass.setLocal(false);
            case "localmode" -> {
                bypass.setLocal(false);
                bypass.setLocal(true);
                if (step.endsWith("ends")) {
                    bypass.setLocal(false);
                }
            }
            default -> throw new IllegalArgumentException(step);
        }
        assertThat(coil.isOn()).isEqualTo(energised);
        assertThat(bypass.isLocal()).isEqualTo(local);
    }

    @Test
    void makeSafeSwitchesOffAudioZonesAndAmplifierButLeavesTheBypass() throws Exception {
        StationHardware station = station();
        station.bypass().setLocal(false);
        station.amplifier().setPowered(true);
        station.zones().setZone(1, true);
        calls.clear();

        station.makeSafe();

        assertThat(calls).containsExactly("zone 1 off", "amplifier off");
        assertThat(coil.isOn()).as("the agent keeps the station").isTrue();
    }

    @Test
    void closingReleasesTheCoilLastAsWhenThePiIsOff() throws Exception {
        StationHardware station = station();
        station.bypass().setLocal(false);
        station.amplifier().setPowered(true);
        station.zones().setZone(1, true);
        calls.clear();

        station.close();

        assertThat(calls).containsExactly("zone 1 off", "amplifier off", "coil off");
        assertThat(station.bypass().isLocal()).isTrue();
    }

    @Test
    void aCoilThatCannotSwitchSaysWhereItIs() {
        coil.fail = true;
        assertThatThrownBy(() -> new RelayBypass(coil).setLocal(false)).isInstanceOf(HardwareException.class)
                .hasMessageContaining("bypass coil (fake coil)");
        assertThat(new RelayBypass(coil).describe()).isEqualTo("bypass coil on fake coil");
    }

    private static final class FakeRelay implements Relay {
        private final String name;
        private final List<String> calls;
        private volatile boolean on;
        volatile boolean fail;

        FakeRelay(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public String describe() {
            return "fake " + name;
        }

        @Override
        public String device() {
            return "fake";
        }

        @Override
        public void set(boolean on) throws HardwareException {
            if (fail) {
                throw new HardwareException("no answer");
            }
            this.on = on;
            calls.add(name + (on ? " on" : " off"));
        }

        @Override
        public boolean isOn() {
            return on;
        }

        @Override
        public Optional<Boolean> readBack() {
            return Optional.of(on);
        }
    }

    private static final class SilentAudio implements AudioOutput {
        @Override
        public void open(vn.loa.hardware.PcmFormat format, String label) {
        }

        @Override
        public void write(short[] samples, int offset, int length) {
        }

        @Override
        public void close() {
        }
    }
}
