package vn.loa.agent.selftest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.Pause;
import vn.loa.hardware.switching.SwitchFailure;
import vn.loa.hardware.switching.Switched;
import vn.loa.hardware.switching.SwitchingSequence;
import vn.loa.hardware.switching.SwitchingSequence.AmplifierAfter;

/**
 * Walks the zones of a station one at a time, in the station's switching order
 * ({@link SwitchingSequence}): amplifier on, warm-up, zone on (read back where the board can), a test
 * tone (or silence) for a few seconds with its level measured, the amplifier fault input, zone off
 * (read back), amplifier off. The station is made safe before and after.
 */
public final class SelfTest {
    /** Below this the tone did not reach the output. */
    static final float MIN_TONE_RMS_DBFS = -40f;

    private final StationHardware hardware;
    private final SwitchingSequence switching;
    private final Duration tone;
    private final boolean silent;
    private final Clock clock;
    private final Pause pause;

    public SelfTest(StationHardware hardware, Duration warmUp, Duration tone, boolean silent, Clock clock, Pause pause) {
        this.hardware = hardware;
        // the relays are read back, not settled: the tone starts as soon as the zone is on
        this.switching = new SwitchingSequence(hardware, new SwitchingSequence.Timings(warmUp, Duration.ZERO), clock,
                pause);
        this.tone = tone;
        this.silent = silent;
        this.clock = clock;
        this.pause = pause;
    }

    public List<ZoneResult> run(List<Long> zones) {
        List<ZoneResult> results = new ArrayList<>();
        hardware.makeSafe();
        try {
            for (long zone : zones) {
                results.add(testZone(zone));
            }
        } finally {
            hardware.makeSafe();
        }
        return results;
    }

    /** The station's inputs, for the report's last line. */
    public SensorReadings sensors() throws HardwareException {
        return hardware.sensors().read();
    }

    private ZoneResult testZone(long zone) {
        List<String> problems = new ArrayList<>();
        String relay = hardware.zones().describe(zone);
        StringBuilder readBack = new StringBuilder();
        String level = "-";
        Switched sw = switching.begin("self-test zone " + zone, AmplifierAfter.AS_BEFORE);
        try {
            sw.amplifierOn();
            expect(hardware.amplifier().readBack(), true, "amplifier relay", problems);
            sw.zoneOn(zone);
            readBack.append(show(readBackOf(zone, true, problems)));
            if (silent) {
                pause.until(clock.millis() + tone.toMillis());
            } else {
                AudioLevels levels = playTone(sw, zone);
                level = String.format("%.1f dBFS", levels.rmsDbfs());
                if (levels.samples() > 0 && levels.rmsDbfs() < MIN_TONE_RMS_DBFS) {
                    problems.add("no signal at the output (" + level + ")");
                }
            }
            SensorReadings inputs = hardware.sensors().read();
            if (inputs.amplifierFault()) {
                problems.add("amplifier fault input is active");
            }
        } catch (HardwareException e) {
            problems.add(e.getMessage());
        } finally {
            if (sw.zonesSwitchedOn().contains(zone)) {
                try {
                    sw.zoneOff(zone);
                    readBack.append("→").append(show(readBackOf(zone, false, problems)));
                } catch (HardwareException e) {
                    problems.add("did not switch off: " + e.getMessage());
                }
            }
            for (SwitchFailure f : sw.release()) {
                if (f.device() == SwitchFailure.Device.AMPLIFIER) {
                    problems.add("amplifier did not switch off: " + f.message());
                } else if (f.device() == SwitchFailure.Device.AUDIO) {
                    problems.add("audio output did not close: " + f.message());
                }
            }
        }
        return new ZoneResult(zone, relay, readBack.isEmpty() ? "-" : readBack.toString(), level, problems);
    }

    private AudioLevels playTone(Switched sw, long zone) throws HardwareException {
        TestTone t = new TestTone(1000);
        long frames = tone.toMillis() * TestTone.FORMAT.sampleRate() / 1000;
        sw.openAudio(TestTone.FORMAT, "selftest-zone-" + zone);
        for (long done = 0; done < frames; ) {
            int n = (int) Math.min(960, frames - done);
            short[] block = t.next(n);
            hardware.audio().write(block, 0, n);
            done += n;
        }
        sw.closeAudio();
        return hardware.audio().levels();
    }

    private Optional<Boolean> readBackOf(long zone, boolean expected, List<String> problems) {
        try {
            Optional<Boolean> state = hardware.zones().readBack(zone);
            expect(state, expected, "relay", problems);
            return state;
        } catch (HardwareException e) {
            problems.add("read-back failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void expect(Optional<Boolean> state, boolean expected, String what, List<String> problems) {
        if (state.isPresent() && state.get() != expected) {
            problems.add(what + " reads " + (state.get() ? "on" : "off") + ", expected " + (expected ? "on" : "off"));
        }
    }

    private static String show(Optional<Boolean> state) {
        return state.map(on -> on ? "on" : "off").orElse("n/a");
    }
}
