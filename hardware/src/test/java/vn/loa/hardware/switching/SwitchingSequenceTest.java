package vn.loa.hardware.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.ZoneSwitch;
import vn.loa.hardware.sim.Recordings;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.hardware.switching.SwitchingSequence.AmplifierAfter;
import vn.loa.testsupport.FakeClock;

/**
 * The switching order on simulated devices, on a fake clock (the waits move it, so the recorded
 * instants are exact), with faults injected: whatever fails, everything that was switched on is
 * switched off again, last on first off.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SwitchingSequenceTest {
    private static final long T0 = 1_796_119_200_000L;
    private static final Duration WARM_UP = Duration.ofMillis(1500);
    private static final Duration SETTLE = Duration.ofMillis(100);
    private static final PcmFormat FORMAT = new PcmFormat(24_000, 1);

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(T0);
    private final Pause pause = t -> clock.advance(Duration.ofMillis(Math.max(0, t - clock.millis())));

    /** A station of three zones with hooks for faults the simulated devices do not have. */
    private final class Station {
        final SimHardware.Devices sim = SimHardware.create(dir, clock, Set.of(1L, 2L, 3L));
        final FailingOff zones = new FailingOff(sim.zones());
        final FailingOpen audio = new FailingOpen(sim.audio());
        final StationHardware hardware = new StationHardware(sim.amplifier(), zones, audio, sim.sensors(), List.of());
        final SwitchingSequence sequence = new SwitchingSequence(hardware, new SwitchingSequence.Timings(WARM_UP, SETTLE),
                clock, pause);

        List<Recordings.Event> events() throws IOException {
            return Recordings.events(dir.resolve("events.jsonl"));
        }

        List<String> described() throws IOException {
            return Recordings.describe(events());
        }
    }

    /** Zone relays that can refuse to switch off (a relay welded on, a board unplugged mid-play). */
    private static final class FailingOff implements ZoneSwitch {
        private final ZoneSwitch inner;
        volatile long failOff = -1;

        FailingOff(ZoneSwitch inner) {
            this.inner = inner;
        }

        @Override
        public Set<Long> zones() {
            return inner.zones();
        }

        @Override
        public void setZone(long zoneId, boolean on) throws HardwareException {
            if (!on && zoneId == failOff) {
                throw new HardwareException("zone " + zoneId + ": relay does not respond");
            }
            inner.setZone(zoneId, on);
        }

        @Override
        public Set<Long> activeZones() {
            return inner.activeZones();
        }
    }

    /** A sound card that can be missing (unplugged USB card, ALSA device busy). */
    private static final class FailingOpen implements AudioOutput {
        private final AudioOutput inner;
        volatile boolean failOpen;

        FailingOpen(AudioOutput inner) {
            this.inner = inner;
        }

        @Override
        public void open(PcmFormat format, String label) throws HardwareException {
            if (failOpen) {
                throw new HardwareException("audio: no such device");
            }
            inner.open(format, label);
        }

        @Override
        public void write(short[] samples, int offset, int length) throws HardwareException {
            inner.write(samples, offset, length);
        }

        @Override
        public void close() throws HardwareException {
            inner.close();
        }
    }

    @Test
    void switchesInOrderWaitingWarmUpAndSettleAndReleasesInReverse() throws Exception {
        Station s = new Station();
        List<SwitchFailure> failures;
        try (Switched sw = s.sequence.begin("test", AmplifierAfter.AS_BEFORE)) {
            sw.amplifierOn();
            assertThat(sw.zonesOn(List.of(2L, 1L, 3L))).isEmpty();
            sw.settle();
            sw.openAudio(FORMAT, "tone");
            s.hardware.audio().write(new short[480], 0, 480);
            sw.closeAudio();
            assertThat(sw.zonesSwitchedOn()).containsExactly(2L, 1L, 3L);
            failures = sw.release();
        }

        assertThat(failures).isEmpty();
        List<Recordings.Event> events = s.events();
        assertThat(Recordings.describe(events)).containsExactly("amplifier on", "zone 2 on", "zone 1 on", "zone 3 on",
                "audio start", "audio stop", "zone 3 off", "zone 1 off", "zone 2 off", "amplifier off");
        assertThat(events.get(0).atMs()).isEqualTo(T0);
        assertThat(events.get(1).atMs()).as("after the warm-up").isEqualTo(T0 + WARM_UP.toMillis());
        assertThat(events.get(4).atMs()).as("after the settle").isEqualTo(T0 + WARM_UP.toMillis() + SETTLE.toMillis());
        assertThat(s.sim.amplifier().isPowered()).isFalse();
        assertThat(s.sim.zones().activeZones()).isEmpty();
    }

    @Test
    void anAmplifierAlreadyOnNeedsNoWarmUpAndStaysOn() throws Exception {
        Station s = new Station();
        s.hardware.amplifier().setPowered(true);
        try (Switched sw = s.sequence.begin("test", AmplifierAfter.AS_BEFORE)) {
            assertThat(sw.amplifierWasOn()).isTrue();
            sw.amplifierOn();
            sw.zoneOn(1);
        }

        List<Recordings.Event> events = s.events();
        assertThat(Recordings.describe(events)).containsExactly("amplifier on", "zone 1 on", "zone 1 off");
        assertThat(events.get(1).atMs()).as("no warm-up").isEqualTo(T0);
        assertThat(s.sim.amplifier().isPowered()).isTrue();
    }

    @Test
    void thePlayerLeavesTheAmplifierOnForItsHold() throws Exception {
        Station s = new Station();
        try (Switched sw = s.sequence.begin("test", AmplifierAfter.LEFT_ON)) {
            sw.amplifierOn();
            sw.zoneOn(3);
        }

        assertThat(s.described()).containsExactly("amplifier on", "zone 3 on", "zone 3 off");
        assertThat(s.sim.amplifier().isPowered()).isTrue();
    }

    @Test
    void theWarmUpLastsAtLeastUntilTheZonesAreDue() throws Exception {
        Station s = new Station();
        long zonesDue = T0 + 5_000;
        try (Switched sw = s.sequence.begin("test", AmplifierAfter.AS_BEFORE)) {
            sw.amplifierOn(zonesDue);
            sw.zoneOn(1);
            assertThat(sw.audioAt(zonesDue + 100)).isEqualTo(zonesDue + 100);
            assertThat(sw.audioAt(0)).as("late: the settle still counts").isEqualTo(zonesDue + SETTLE.toMillis());
        }

        assertThat(s.events().get(1).atMs()).isEqualTo(zonesDue);
    }

    @Test
    void aZoneSwitchedOffEarlyIsNotSwitchedAgainOnRelease() throws Exception {
        Station s = new Station();
        try (Switched sw = s.sequence.begin("silent test", AmplifierAfter.AS_BEFORE)) {
            sw.amplifierOn();
            for (long zone : List.of(1L, 2L)) {
                sw.zoneOn(zone);
                sw.settle();
                sw.zoneOff(zone);
            }
            assertThat(sw.zonesSwitchedOn()).isEmpty();
        }

        assertThat(s.described()).containsExactly("amplifier on", "zone 1 on", "zone 1 off", "zone 2 on", "zone 2 off",
                "amplifier off");
    }

    /** A fault, the steps a caller takes (stopping at the first exception, as try-with-resources does), what is recorded. */
    record Fault(String name, Consumer<Station> inject, Steps steps, List<String> events, Class<?> thrown,
            List<String> releaseFailures) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Steps {
        void run(Switched sw) throws HardwareException;
    }

    static Stream<Fault> faults() {
        Steps play = sw -> {
            sw.amplifierOn();
            Map<Long, HardwareException> failed = sw.zonesOn(List.of(1L, 2L, 3L));
            if (failed.size() == 3) {
                throw new HardwareException("no zone switched on");
            }
            sw.settle();
            sw.openAudio(FORMAT, "play");
        };
        Steps oneByOne = sw -> {
            sw.amplifierOn();
            sw.zoneOn(1);
            sw.zoneOn(2);
            sw.zoneOn(3);
        };
        return Stream.of(
                new Fault("the amplifier fails: nothing else is switched", st -> st.sim.amplifier().simulateFault("overheated"),
                        play, List.of(), HardwareException.class, List.of()),
                new Fault("one zone relay fails: the others play and are released in reverse",
                        st -> st.sim.zones().simulateFault(2), play,
                        List.of("amplifier on", "zone 1 on", "zone 3 on", "audio stop", "zone 3 off", "zone 1 off",
                                "amplifier off"),
                        null, List.of()),
                new Fault("every zone relay fails: the amplifier goes back off",
                        st -> List.of(1L, 2L, 3L).forEach(st.sim.zones()::simulateFault), play,
                        List.of("amplifier on", "amplifier off"), HardwareException.class, List.of()),
                new Fault("a zone fails in a one-by-one sequence: the ones before it are released in reverse",
                        st -> st.sim.zones().simulateFault(3), oneByOne,
                        List.of("amplifier on", "zone 1 on", "zone 2 on", "zone 2 off", "zone 1 off", "amplifier off"),
                        HardwareException.class, List.of()),
                new Fault("a relay that does not switch off: the others and the amplifier still go off",
                        st -> st.zones.failOff = 2, oneByOne,
                        List.of("amplifier on", "zone 1 on", "zone 2 on", "zone 3 on", "zone 3 off", "zone 1 off",
                                "amplifier off"),
                        null, List.of("zone 2: zone 2: relay does not respond")),
                new Fault("the sound card cannot open: zones and amplifier released",
                        st -> st.audio.failOpen = true, play,
                        List.of("amplifier on", "zone 1 on", "zone 2 on", "zone 3 on", "zone 3 off", "zone 2 off",
                                "zone 1 off", "amplifier off"),
                        HardwareException.class, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void whateverFailsEverythingSwitchedOnIsReleasedInReverse(Fault f) throws Exception {
        Station s = new Station();
        f.inject().accept(s);
        List<SwitchFailure> failures;
        Switched sw = s.sequence.begin("test", AmplifierAfter.AS_BEFORE);
        try (sw) {
            if (f.thrown() == null) {
                f.steps().run(sw);
            } else {
                assertThatThrownBy(() -> f.steps().run(sw)).isInstanceOf(f.thrown());
            }
        }
        failures = sw.release(); // idempotent: what the close found

        assertThat(s.described()).containsExactlyElementsOf(f.events());
        assertThat(failures).extracting(SwitchFailure::toString).containsExactlyElementsOf(f.releaseFailures());
        assertThat(s.sim.amplifier().isPowered()).isFalse();
        assertThat(s.sim.zones().activeZones()).isSubsetOf(f.releaseFailures().isEmpty() ? Set.of() : Set.of(2L));
    }

    @Test
    void aParkingPauseReturnsAtTheInstantOrWhenCalledOff() {
        Clock real = Clock.systemUTC();
        long start = real.millis();
        Pause.parking(real, () -> true).until(start + 30);
        assertThat(real.millis()).isGreaterThanOrEqualTo(start + 30);

        long before = System.nanoTime();
        Pause.parking(real, () -> false).until(real.millis() + 60_000);
        assertThat(System.nanoTime() - before).as("called off: no wait").isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
}
