package vn.loa.agent.command;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.health.PlayStats;
import vn.loa.hardware.AudioMeter;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.Switched;
import vn.loa.hardware.switching.SwitchingSequence;
import vn.loa.hardware.switching.SwitchingSequence.AmplifierAfter;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.TestTone;
import vn.loa.protocol.v1.TestToneResult;

/**
 * A test tone on one zone with the station's own switching order ({@link SwitchingSequence}):
 * amplifier on → warm-up → relay on (read back) → settle → tone at the test level (the station volume
 * does not apply: a technician compares stations at one known level) → relay off → amplifier back as
 * it was.
 */
final class ToneTest {
    private static final Logger log = LoggerFactory.getLogger(ToneTest.class);
    static final int MAX_SECONDS = 60;

    private final long stationId;
    private final StationHardware hardware;
    private volatile boolean sounding;
    private final PlayStats stats;
    private final SwitchingSequence switching;
    private final Clock clock;

    ToneTest(long stationId, StationHardware hardware, PlayStats stats, SwitchingSequence switching, Clock clock) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.stats = stats;
        this.switching = switching;
        this.clock = clock;
    }

    static String invalid(TestTone t) {
        if (t.getZoneId() == 0) {
            return "zone_id is required";
        }
        if (t.getSeconds() < 1 || t.getSeconds() > MAX_SECONDS) {
            return "seconds must be 1.." + MAX_SECONDS;
        }
        if (t.getFrequencyHz() != 0 && (t.getFrequencyHz() < 50 || t.getFrequencyHz() > 10_000)) {
            return "frequency must be 50..10000 Hz";
        }
        if (t.getLevelDbfs() > -3 || t.getLevelDbfs() < -60) {
            if (t.getLevelDbfs() != 0) {
                return "level must be -60..-3 dBFS";
            }
        }
        return null;
    }

    /** How long the test holds the loudspeakers, for the air-time check. */
    long windowMillis(TestTone t) {
        return switching.timings().warmUp().toMillis() + switching.timings().settle().toMillis()
                + t.getSeconds() * 1000L + 2000;
    }

    CommandResult.Builder run(String commandId, TestTone t) {
        long zone = t.getZoneId();
        double freq = t.getFrequencyHz() == 0 ? 1000 : t.getFrequencyHz();
        double level = t.getLevelDbfs() == 0 ? -12 : t.getLevelDbfs();
        CommandResult.Builder r = CommandResult.newBuilder();
        TestToneResult.Builder detail = TestToneResult.newBuilder().setZoneId(zone);
        try (Switched sw = switching.begin("station " + stationId + " test tone", AmplifierAfter.AS_BEFORE)) {
            sw.amplifierOn();
            detail.setAmplifierReadBack(hardware.amplifier().isPowered());
            if (!detail.getAmplifierReadBack()) {
                return r.setStatus(CommandResult.Status.FAILED).setMessage("the amplifier does not read back as on")
                        .setTestTone(detail);
            }
            try {
                sw.zoneOn(zone);
            } catch (HardwareException e) {
                stats.zoneTested(zone, false);
                log.error("station {}: test tone: zone {} failed: {}", stationId, zone, e.getMessage());
                return r.setStatus(CommandResult.Status.FAILED).setMessage("zone " + zone + ": " + e.getMessage())
                        .setTestTone(detail);
            }
            boolean readBack = hardware.zones().activeZones().contains(zone);
            detail.setRelayReadBack(readBack);
            stats.zoneTested(zone, readBack);
            if (!readBack) {
                return r.setStatus(CommandResult.Status.FAILED)
                        .setMessage("zone " + zone + ": the relay does not read back as on").setTestTone(detail);
            }
            sw.settle();
            sw.openAudio(new PcmFormat(SineTone.RATE, 1), "test-tone-" + commandId);
            sounding = true;
            long started = clock.millis();
            AudioMeter meter = sound(new SineTone(freq, level, t.getSeconds()));
            sw.closeAudio();
            sounding = false;
            AudioOutput output = hardware.audio();
            // the output's own measurement when it measures; else what was written to it
            float rms = output.levels().samples() > 0 ? output.levels().rmsDbfs() : meter.levels().rmsDbfs();
            detail.setPlayedMs(clock.millis() - started).setRmsDbfs(rms);
            log.info("station {}: test tone {} Hz on zone {} played for {} ms at {} dBFS", stationId, (int) freq,
                    zone, detail.getPlayedMs(), String.format("%.1f", detail.getRmsDbfs()));
            return r.setStatus(CommandResult.Status.SUCCEEDED)
                    .setMessage("tone played on zone " + zone).setTestTone(detail);
        } catch (HardwareException e) {
            log.error("station {}: test tone on zone {} failed: {}", stationId, zone, e.getMessage());
            return r.setStatus(CommandResult.Status.FAILED).setMessage(e.getMessage()).setTestTone(detail);
        } finally {
            sounding = false;
        }
    }

    /** Writes the tone at the pace of the output; a stopping agent (interrupt) cuts it short. */
    private AudioMeter sound(SineTone tone) throws HardwareException {
        AudioMeter meter = new AudioMeter();
        for (short[] frame = tone.next(); frame != null; frame = tone.next()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            hardware.audio().write(frame, 0, frame.length);
            meter.add(frame, 0, frame.length);
        }
        return meter;
    }

    boolean sounding() {
        return sounding;
    }
}
