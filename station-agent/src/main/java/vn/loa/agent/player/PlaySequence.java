package vn.loa.agent.player;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.AgentConfig;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * Plays one stream with the station's switching order: amplifier on → warm-up → zone relays on →
 * settle → audio at the start instant → zone relays off (reverse order). The amplifier is left on;
 * the {@link Player} turns it off after the hold time. Before every 20 ms frame it asks whether
 * something must interrupt this stream.
 */
final class PlaySequence {
    private static final Logger log = LoggerFactory.getLogger(PlaySequence.class);
    /**
     * A stream whose first sample goes out at most this late after its start instant (a thread woken a
     * few ms late, a relay that settled slowly) drops the samples it missed, so that its content plays
     * in step with every other station of the same announcement, as Snapcast's clients do; later than
     * this it plays from its first sample, late (a word cut off would cost more than the offset).
     */
    static final long CATCH_UP_MAX_US = 50_000;
    /**
     * The last part of a wait for the start instant is spun, not parked: a park overshoots by 50–100 µs.
     * Short: on a busy machine many spinning threads would take the cores from each other.
     */
    private static final long SPIN_US = 300;

    private final long stationId;
    private final StationHardware hardware;
    private final Clock clock;
    private final AgentConfig config;
    private final BooleanSupplier running;

    PlaySequence(long stationId, StationHardware hardware, Clock clock, AgentConfig config, BooleanSupplier running) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.clock = clock;
        this.config = config;
        this.running = running;
    }

    /** Why a stream must stop now. */
    record Verdict(PlayReport.Outcome outcome, String reason) {
    }

    @FunctionalInterface
    interface Interruption {
        /** Null to go on. */
        Verdict check();

        Interruption NEVER = () -> null;
    }

    /**
     * @param skipSamples samples per channel to skip at the start (resuming a preempted item)
     * @param gain        software gain, 1 = as recorded
     */
    /**
     * @param inStep       the stream plays in step with other stations (an announcement's common start):
     *                     a start a little late drops what it missed ({@link #CATCH_UP_MAX_US}); a plan
     *                     item plays whole
     * @param onFirstAudio told the instant (station clock, ms) the stream's content starts at
     */
    record Spec(String label, List<Long> zones, long startAtMs, Priority priority, List<AudioSource> sources,
            long skipSamples, float gain, Interruption interruption, boolean inStep,
            java.util.function.LongConsumer onFirstAudio) {
    }

    /** What happened; {@code samplesPlayed} counts from the start of the stream (skipped ones included). */
    record Result(PlayReport.Outcome outcome, String reason, long startedAtMs, long endedAtMs, long samplesPlayed,
            float peakDbfs, float rmsDbfs) {
    }

    Result run(Spec spec) {
        List<Long> switched = new ArrayList<>();
        List<Long> failedZones = new ArrayList<>();
        long startedAt = 0;
        LevelMeter meter = new LevelMeter();
        long position = 0;
        try {
            boolean wasOn = hardware.amplifier().isPowered();
            hardware.amplifier().setPowered(true);
            if (!wasOn) {
                sleepUntil(Math.max(clock.millis() + config.warmUp().toMillis(),
                        spec.startAtMs() - config.zoneSettle().toMillis()));
            }
            if (!running.getAsBoolean()) {
                return new Result(PlayReport.Outcome.FAILED, "AGENT_STOPPING", 0, clock.millis(), 0, -120, -120);
            }
            for (long zone : spec.zones()) {
                try {
                    hardware.zones().setZone(zone, true);
                    switched.add(zone);
                } catch (HardwareException e) {
                    failedZones.add(zone);
                    log.error("station {} {}: zone {} failed: {}", stationId, spec.label(), zone, e.getMessage());
                }
            }
            if (switched.isEmpty()) {
                return new Result(PlayReport.Outcome.FAILED, "ZONES_FAILED", 0, clock.millis(), 0, -120, -120);
            }
            // relays need their settle time even when the item is late
            long audioAt = Math.max(spec.startAtMs(), clock.millis() + config.zoneSettle().toMillis());
            PcmFormat format = spec.sources().get(0).format();
            int channels = format.channels();
            hardware.audio().open(format, spec.label());
            int sourceIndex = 0;
            long toSkip = spec.skipSamples();
            short[] frame = null;
            // fetch the first frame before the instant, so the first sample goes out on time
            while (sourceIndex < spec.sources().size()) {
                frame = spec.sources().get(sourceIndex).nextFrame();
                if (frame == null) {
                    sourceIndex++;
                    continue;
                }
                if (toSkip > 0) {
                    long n = Math.min(toSkip, frame.length / channels);
                    toSkip -= n;
                    position += n;
                    frame = n * channels == frame.length ? null : java.util.Arrays.copyOfRange(frame, (int) n * channels, frame.length);
                    if (frame == null) {
                        continue;
                    }
                }
                break;
            }
            sleepUntilMicros(audioAt * 1000);
            if (!running.getAsBoolean()) {
                hardware.audio().close();
                return new Result(PlayReport.Outcome.FAILED, "AGENT_STOPPING", 0, clock.millis(), position, -120, -120);
            }
            long nowUs = micros();
            long lateUs = nowUs - spec.startAtMs() * 1000;
            if (spec.inStep() && lateUs > 0 && lateUs <= CATCH_UP_MAX_US && frame != null) {
                // in step with the others: the content starts at the common instant, the samples missed are
                // dropped; measured again after each drop (decoding the next frame takes time too), so the
                // first write follows the last measurement with nothing in between
                long dropped = 0;
                long maxDrop = CATCH_UP_MAX_US * format.sampleRate() / 1_000_000;
                for (int pass = 0; pass < 3 && frame != null; pass++) {
                    long due = Math.min(maxDrop, (micros() - spec.startAtMs() * 1000) * format.sampleRate() / 1_000_000);
                    long drop = due - dropped;
                    if (drop <= 0) {
                        break;
                    }
                    dropped += drop;
                    position += drop;
                    while (drop > 0 && frame != null) {
                        long n = Math.min(drop, frame.length / channels);
                        drop -= n;
                        frame = n * channels == frame.length ? null
                                : java.util.Arrays.copyOfRange(frame, (int) n * channels, frame.length);
                        while (frame == null && sourceIndex < spec.sources().size()) {
                            frame = spec.sources().get(sourceIndex).nextFrame();
                            if (frame == null) {
                                sourceIndex++;
                            }
                        }
                    }
                }
                startedAt = spec.startAtMs();
                log.debug("station {} {}: woke {} us after the start instant; {} samples dropped to play in step",
                        stationId, spec.label(), lateUs, dropped);
            } else {
                startedAt = nowUs / 1000;
            }
            boolean told = false;
            Verdict verdict = null;
            while (frame != null) {
                if (!running.getAsBoolean()) {
                    verdict = new Verdict(PlayReport.Outcome.FAILED, "AGENT_STOPPING");
                    break;
                }
                verdict = spec.interruption().check();
                if (verdict != null) {
                    break;
                }
                applyGain(frame, spec.gain());
                hardware.audio().write(frame, 0, frame.length);
                if (!told) {
                    told = true; // after the first write: nothing stands between the instant and the card
                    spec.onFirstAudio().accept(startedAt);
                }
                meter.add(frame, frame.length);
                position += frame.length / channels;
                frame = null;
                while (frame == null && sourceIndex < spec.sources().size()) {
                    frame = spec.sources().get(sourceIndex).nextFrame();
                    if (frame == null) {
                        sourceIndex++;
                    }
                }
            }
            if (!told) {
                spec.onFirstAudio().accept(startedAt); // stopped, or nothing left, before the first frame
            }
            hardware.audio().close();
            long endedAt = clock.millis();
            lostDuringPlay(spec.label(), switched, failedZones);
            if (verdict != null) {
                return new Result(verdict.outcome(), verdict.reason(), startedAt, endedAt, position, meter.peakDbfs(),
                        meter.rmsDbfs());
            }
            String reason = failedZones.isEmpty() ? "" : "ZONES_FAILED:" + join(failedZones);
            if (startedAt - spec.startAtMs() > 1000) {
                reason = reason.isEmpty() ? "STARTED_LATE" : reason + ";STARTED_LATE";
            }
            return new Result(PlayReport.Outcome.PLAYED, reason, startedAt, endedAt, position, meter.peakDbfs(),
                    meter.rmsDbfs());
        } catch (HardwareException e) {
            log.error("station {} {}: hardware failed: {}", stationId, spec.label(), e.getMessage());
            return new Result(PlayReport.Outcome.FAILED, "HARDWARE: " + e.getMessage(), startedAt, clock.millis(),
                    position, meter.peakDbfs(), meter.rmsDbfs());
        } catch (IOException e) {
            log.error("station {} {}: audio failed: {}", stationId, spec.label(), e.getMessage());
            String reason = "STREAM_STALLED".equals(e.getMessage()) ? "STREAM_STALLED" : "MEDIA_CORRUPT";
            return new Result(PlayReport.Outcome.FAILED, reason, startedAt, clock.millis(), position,
                    meter.peakDbfs(), meter.rmsDbfs());
        } finally {
            try {
                hardware.audio().close();
            } catch (HardwareException e) {
                log.warn("station {}: closing audio failed: {}", stationId, e.getMessage());
            }
            for (int i = switched.size() - 1; i >= 0; i--) {
                try {
                    hardware.zones().setZone(switched.get(i), false);
                } catch (HardwareException e) {
                    log.error("station {}: zone {} did not switch off: {}", stationId, switched.get(i), e.getMessage());
                }
            }
            for (AudioSource s : spec.sources()) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.debug("station {}: closing a source: {}", stationId, e.getMessage());
                }
            }
        }
    }

    /**
     * Zones whose relay board stopped answering, or whose relay fell off, while the audio played: they are
     * reported failed (the others played on). Only boards that can read back (Modbus) can tell.
     */
    private void lostDuringPlay(String label, List<Long> switched, List<Long> failedZones) {
        for (long zone : switched) {
            try {
                java.util.Optional<Boolean> on = hardware.zones().readBack(zone);
                if (on.isPresent() && !on.get()) {
                    failedZones.add(zone);
                    log.error("station {} {}: zone {} ({}) was found off at the end of the play", stationId, label,
                            zone, hardware.zones().describe(zone));
                }
            } catch (HardwareException e) {
                failedZones.add(zone);
                log.error("station {} {}: zone {} ({}) failed during the play: {}", stationId, label, zone,
                        hardware.zones().describe(zone), e.getMessage());
            }
        }
    }

    /** Plays a plan item from its cached media, as scheduled. */
    PlayReport play(PlanItem item, Path media, AudioSource.Opener opener) {
        PlayReport.Builder report = baseReport(item);
        AudioSource source;
        try {
            source = opener.open(media);
        } catch (IOException e) {
            log.error("station {} item {}: media {} unreadable: {}", stationId, item.getItemId(),
                    item.getMediaSha256(), e.getMessage());
            return report.setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_CORRUPT").build();
        }
        Result r = run(new Spec(item.getItemId(), item.getZoneIdsList(), item.getPlannedAtMs(), item.getPriority(),
                List.of(source), 0, 1f, Interruption.NEVER, false, at -> { }));
        return toReport(report, r);
    }

    static PlayReport toReport(PlayReport.Builder report, Result r) {
        report.setOutcome(r.outcome()).setReason(r.reason()).setStartedAtMs(r.startedAtMs()).setEndedAtMs(r.endedAtMs());
        if (r.startedAtMs() > 0) {
            report.setPeakDbfs(r.peakDbfs()).setRmsDbfs(r.rmsDbfs());
        }
        return report.build();
    }

    PlayReport.Builder baseReport(PlanItem item) {
        return PlayReport.newBuilder().setReportId(UUID.randomUUID().toString()).setItemId(item.getItemId())
                .setScheduleId(item.getScheduleId()).setBulletinId(item.getBulletinId())
                .addAllZoneIds(item.getZoneIdsList()).setPlannedAtMs(item.getPlannedAtMs())
                .setPriority(item.getPriority());
    }

    static void applyGain(short[] frame, float gain) {
        if (gain >= 0.9999f) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(frame[i] * gain);
        }
    }

    /** Waits on the station clock; precise to about a millisecond. */
    void sleepUntil(long epochMs) {
        long remaining;
        while ((remaining = epochMs - clock.millis()) > 0 && running.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(remaining, 50) * 1_000_000L);
        }
    }

    /** Waits on the station clock to the microsecond: parks, then spins the last {@value #SPIN_US} µs. */
    void sleepUntilMicros(long epochUs) {
        long remaining;
        while ((remaining = epochUs - micros()) > SPIN_US && running.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(remaining - SPIN_US, 50_000) * 1_000L);
        }
        while (micros() < epochUs && running.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    private long micros() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String join(List<Long> ids) {
        StringBuilder b = new StringBuilder();
        for (long id : ids) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(id);
        }
        return b.toString();
    }
}
