package vn.loa.agent.selftest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.relay.Sleeper;

/**
 * Walks the zones of a station one at a time: amplifier on, warm-up, zone on (read back where the
 * board can), a test tone (or silence) for a few seconds with its level measured, the amplifier
 * fault input, zone off (read back), amplifier off. The station is made safe before and after.
 */
public final class SelfTest {
    /** Below this the tone did not reach the output. */
    static final float MIN_TONE_RMS_DBFS = -40f;

    private final StationHardware hardware;
    private final Duration warmUp;
    private final Duration tone;
    private final boolean silent;
    private final Sleeper sleeper;

    public SelfTest(StationHardware hardware, Duration warmUp, Duration tone, boolean silent, Sleeper sleeper) {
        this.hardware = hardware;
        this.warmUp = warmUp;
        this.tone = tone;
        this.silent = silent;
        this.sleeper = sleeper;
    }

    public List<ZoneResult> run(List<Long> zones) throws InterruptedException {
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

    private ZoneResult testZone(long zone) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        String relay = hardware.zones().describe(zone);
        StringBuilder readBack = new StringBuilder();
        String level = "-";
        boolean zoneOn = false;
        try {
            hardware.amplifier().setPowered(true);
            expect(hardware.amplifier().readBack(), true, "amplifier relay", problems);
            sleeper.sleep(warmUp);
            hardware.zones().setZone(zone, true);
            zoneOn = true;
            readBack.append(show(readBackOf(zone, true, problems)));
            if (silent) {
                sleeper.sleep(tone);
            } else {
                AudioLevels levels = playTone(zone);
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
            if (zoneOn) {
                try {
                    hardware.zones().setZone(zone, false);
                    readBack.append("→").append(show(readBackOf(zone, false, problems)));
                } catch (HardwareException e) {
                    problems.add("did not switch off: " + e.getMessage());
                }
            }
            try {
                hardware.amplifier().setPowered(false);
            } catch (HardwareException e) {
                problems.add("amplifier did not switch off: " + e.getMessage());
            }
        }
        return new ZoneResult(zone, relay, readBack.isEmpty() ? "-" : readBack.toString(), level, problems);
    }

    private AudioLevels playTone(long zone) throws HardwareException {
        TestTone t = new TestTone(1000);
        long frames = tone.toMillis() * TestTone.FORMAT.sampleRate() / 1000;
        hardware.audio().open(TestTone.FORMAT, "selftest-zone-" + zone);
        try {
            for (long done = 0; done < frames; ) {
                int n = (int) Math.min(960, frames - done);
                short[] block = t.next(n);
                hardware.audio().write(block, 0, n);
                done += n;
            }
        } finally {
            hardware.audio().close();
        }
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
