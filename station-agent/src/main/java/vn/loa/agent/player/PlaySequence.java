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
    record Spec(String label, List<Long> zones, long startAtMs, Priority priority, List<AudioSource> sources,
            long skipSamples, float gain, Interruption interruption, Runnable onFirstAudio) {
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
            sleepUntil(audioAt);
            if (!running.getAsBoolean()) {
                hardware.audio().close();
                return new Result(PlayReport.Outcome.FAILED, "AGENT_STOPPING", 0, clock.millis(), position, -120, -120);
            }
            startedAt = clock.millis();
            spec.onFirstAudio().run();
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
                List.of(source), 0, 1f, Interruption.NEVER, () -> { }));
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
