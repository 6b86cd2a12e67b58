package vn.loa.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import vn.loa.testsupport.FakeClock;

/** GPIO relays and inputs on Pi4J's mock plugin, built from a configuration like a station's. */
class GpioHardwareTest {
    static final String CONFIG = """
            timing.minRelayIntervalMs = 200
            amplifier.gpio = 17
            amplifier.active = low
            zone.4.gpio = 27
            zone.4.active = high
            zone.9.gpio = 22
            zone.9.active = low
            sensor.amplifierFault.gpio = 5
            sensor.amplifierFault.active = low
            sensor.amplifierFault.debounceMs = 30
            sensor.mains.gpio = 6
            sensor.mains.active = high
            sensor.door.gpio = 13
            sensor.door.active = low
            """;

    FakeClock clock = new FakeClock(1_000_000);
    Context context;
    StationHardware hardware;

    @BeforeEach
    void build() throws Exception {
        context = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        HardwareConfig config = HardwareConfigParser.parse(CONFIG, "test");
        hardware = new HardwareBuilder(new HardwareBuilder.Drivers(() -> context,
                (port, baud) -> {
                    throw new java.io.IOException("no serial ports in this test");
                }, clock::advance, false)).create(config, clock);
    }

    @AfterEach
    void close() {
        hardware.close();
    }

    DigitalState pin(String id) {
        return context.io(id, DigitalOutput.class).state();
    }

    MockDigitalInput input(String id) {
        return (MockDigitalInput) context.io(id, DigitalInput.class);
    }

    @Test
    void relaysStartOffAtTheirActiveLevelsAndSwitch() throws Exception {
        // off = inactive level: active-low pins sit high
        assertThat(pin("amplifier-relay")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("zone-4-relay")).isEqualTo(DigitalState.LOW);
        assertThat(pin("zone-9-relay")).isEqualTo(DigitalState.HIGH);

        hardware.amplifier().setPowered(true);
        hardware.zones().setZone(4, true);
        hardware.zones().setZone(9, true);
        assertThat(pin("amplifier-relay")).isEqualTo(DigitalState.LOW);
        assertThat(pin("zone-4-relay")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("zone-9-relay")).isEqualTo(DigitalState.LOW);
        assertThat(hardware.zones().activeZones()).containsExactlyInAnyOrder(4L, 9L);
        assertThat(hardware.zones().describe(9)).isEqualTo("GPIO 22 (active-low)");
        assertThat(hardware.zones().readBack(9)).isEmpty();

        hardware.makeSafe();
        assertThat(pin("amplifier-relay")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("zone-4-relay")).isEqualTo(DigitalState.LOW);
        assertThat(pin("zone-9-relay")).isEqualTo(DigitalState.HIGH);
        assertThat(hardware.zones().activeZones()).isEmpty();
    }

    @Test
    void aRelaySwitchedAgainTooSoonWaitsTheMinimumInterval() throws Exception {
        long t0 = clock.millis();
        hardware.zones().setZone(4, true);
        hardware.zones().setZone(4, false);
        hardware.zones().setZone(4, true);
        assertThat(clock.millis() - t0).isEqualTo(400);
        // another relay is not held up by this one
        long t1 = clock.millis();
        hardware.zones().setZone(9, true);
        assertThat(clock.millis()).isEqualTo(t1);
    }

    @Test
    void contextShutdownLeavesEveryRelayOff() throws Exception {
        hardware.amplifier().setPowered(true);
        hardware.zones().setZone(4, true);
        hardware.zones().setZone(9, true);
        DigitalOutput amplifier = context.io("amplifier-relay", DigitalOutput.class);
        DigitalOutput zone4 = context.io("zone-4-relay", DigitalOutput.class);
        DigitalOutput zone9 = context.io("zone-9-relay", DigitalOutput.class);
        assertThat(amplifier.state()).isEqualTo(DigitalState.LOW);
        context.shutdown(); // what a crash hook or exit does: Pi4J applies the shutdown states
        assertThat(amplifier.state()).isEqualTo(DigitalState.HIGH);
        assertThat(zone4.state()).isEqualTo(DigitalState.LOW);
        assertThat(zone9.state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void inputsAreDebouncedAndReadAtTheirActiveLevels() throws Exception {
        // mock inputs start low: the active-low fault and door read "active" until the lines go high
        input("amplifier-fault").mockState(DigitalState.HIGH);
        input("door-open").mockState(DigitalState.HIGH);
        input("mains-present").mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(60));
        assertThat(hardware.sensors().read()).isEqualTo(SensorReadings.NOMINAL);

        // a 10 ms spike on the fault line never shows
        input("amplifier-fault").mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(10));
        assertThat(hardware.sensors().read().amplifierFault()).isFalse();
        input("amplifier-fault").mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(40));
        assertThat(hardware.sensors().read().amplifierFault()).isFalse();

        // a fault that holds is believed once it has lasted the debounce time (30 ms)
        input("amplifier-fault").mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(29));
        assertThat(hardware.sensors().read().amplifierFault()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(hardware.sensors().read().amplifierFault()).isTrue();

        // mains lost, door opened
        input("mains-present").mockState(DigitalState.LOW);
        input("door-open").mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(50));
        assertThat(hardware.sensors().read()).isEqualTo(new SensorReadings(true, false, true));
    }
}
