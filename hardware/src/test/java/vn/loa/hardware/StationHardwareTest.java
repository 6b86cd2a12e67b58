package vn.loa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StationHardwareTest {

    /** Every call any fake device receives, in order. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private final FakeAmplifier amplifier = new FakeAmplifier();
    private final FakeZones zones = new FakeZones(1, 2, 3);
    private final FakeAudio audio = new FakeAudio();

    private StationHardware hardware(AutoCloseable... resources) {
        return new StationHardware(amplifier, zones, audio, () -> SensorReadings.NOMINAL, List.of(resources));
    }

    @Test
    void makeSafeStopsAudioThenZonesThenAmplifier() throws Exception {
        amplifier.setPowered(true);
        zones.setZone(1, true);
        zones.setZone(3, true);
        calls.clear();

        hardware().makeSafe();

        assertThat(calls).containsExactly("audio close", "zone 1 off", "zone 2 off", "zone 3 off", "amplifier off");
        assertThat(amplifier.isPowered()).isFalse();
        assertThat(zones.activeZones()).isEmpty();
    }

    static Stream<Arguments> failingDevices() {
        return Stream.of(
                Arguments.of("audio throws HardwareException", (Breaker) (a, z, au) -> au.fail = new HardwareException("usb gone")),
                Arguments.of("audio throws RuntimeException", (Breaker) (a, z, au) -> au.fail = new IllegalStateException("driver bug")),
                Arguments.of("zone 2 throws HardwareException", (Breaker) (a, z, au) -> z.failing.put(2L, new HardwareException("relay stuck"))),
                Arguments.of("zone 1 throws RuntimeException", (Breaker) (a, z, au) -> z.failing.put(1L, new IllegalStateException("gpio"))),
                Arguments.of("amplifier throws HardwareException", (Breaker) (a, z, au) -> a.fail = new HardwareException("relay stuck")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingDevices")
    void closeSwitchesEverythingElseOffEvenWhenOneDeviceThrows(String name, Breaker breaker) throws Exception {
        amplifier.setPowered(true);
        for (long z : zones.zones()) {
            zones.setZone(z, true);
        }
        calls.clear();
        List<String> closed = new ArrayList<>();
        StationHardware hw = hardware(() -> closed.add("resource"));
        breaker.breakIt(amplifier, zones, audio);

        assertThatCode(hw::close).doesNotThrowAnyException();

        // every device was told to stop, whichever one failed
        assertThat(calls).contains("audio close", "zone 1 off", "zone 2 off", "zone 3 off", "amplifier off");
        assertThat(closed).containsExactly("resource");
        Set<Long> stillOn = zones.activeZones();
        if (zones.failing.isEmpty()) {
            assertThat(stillOn).isEmpty();
        } else {
            assertThat(stillOn).isEqualTo(zones.failing.keySet());
        }
        assertThat(amplifier.isPowered()).isEqualTo(amplifier.fail != null);
    }

    @Test
    void closeIsIdempotent() {
        List<String> closed = new ArrayList<>();
        StationHardware hw = hardware(() -> closed.add("a"), () -> closed.add("b"));

        hw.close();
        int callsAfterFirstClose = calls.size();
        hw.close();
        hw.close();

        assertThat(closed).containsExactly("a", "b");
        assertThat(calls).hasSize(callsAfterFirstClose);
        assertThat(calls).contains("amplifier off");
    }

    @Test
    void closeClosesEveryResourceEvenWhenOneThrows() {
        List<String> closed = new ArrayList<>();
        StationHardware hw = hardware(() -> closed.add("first"), () -> {
            throw new java.io.IOException("disk full");
        }, () -> closed.add("third"));

        assertThatCode(hw::close).doesNotThrowAnyException();

        assertThat(closed).containsExactly("first", "third");
    }

    @Test
    void amplifierIsSwitchedOffEvenWhenListingTheZonesThrows() throws Exception {
        amplifier.setPowered(true);
        zones.listingFails = true;
        List<String> closed = new ArrayList<>();
        StationHardware hw = hardware(() -> closed.add("resource"));

        assertThatCode(hw::close).doesNotThrowAnyException();

        assertThat(amplifier.isPowered()).isFalse();
        assertThat(closed).containsExactly("resource");
    }

    @FunctionalInterface
    interface Breaker {
        void breakIt(FakeAmplifier amplifier, FakeZones zones, FakeAudio audio);
    }

    final class FakeAmplifier implements Amplifier {
        volatile Exception fail;
        private volatile boolean powered;

        @Override
        public void setPowered(boolean on) throws HardwareException {
            calls.add("amplifier " + (on ? "on" : "off"));
            rethrow(fail);
            powered = on;
        }

        @Override
        public boolean isPowered() {
            return powered;
        }
    }

    final class FakeZones implements ZoneSwitch {
        final java.util.Map<Long, Exception> failing = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean listingFails;
        private final Set<Long> all = new TreeSet<>();
        private final Set<Long> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

        FakeZones(long... ids) {
            for (long id : ids) {
                all.add(id);
            }
        }

        @Override
        public Set<Long> zones() {
            if (listingFails) {
                throw new IllegalStateException("zone board not answering");
            }
            return new TreeSet<>(all);
        }

        @Override
        public void setZone(long zoneId, boolean on) throws HardwareException {
            calls.add("zone " + zoneId + " " + (on ? "on" : "off"));
            rethrow(failing.get(zoneId));
            if (on) {
                active.add(zoneId);
            } else {
                active.remove(zoneId);
            }
        }

        @Override
        public Set<Long> activeZones() {
            return Set.copyOf(active);
        }
    }

    final class FakeAudio implements AudioOutput {
        volatile Exception fail;

        @Override
        public void open(PcmFormat format, String label) {
            calls.add("audio open");
        }

        @Override
        public void write(short[] samples, int offset, int length) {
            calls.add("audio write");
        }

        @Override
        public void close() throws HardwareException {
            calls.add("audio close");
            rethrow(fail);
        }
    }

    private static void rethrow(Exception e) throws HardwareException {
        if (e instanceof HardwareException h) {
            throw h;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
    }
}
