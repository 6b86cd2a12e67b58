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
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;

/**
 * Plays one item with the station's switching order: amplifier on → warm-up → zone relays on →
 * settle → audio at the planned instant → zone relays off (reverse order). The amplifier is left on;
 * the {@link Player} turns it off after the hold time.
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
        List<Long> switched = new ArrayList<>();
        List<Long> failedZones = new ArrayList<>();
        try (source) {
            boolean wasOn = hardware.amplifier().isPowered();
            hardware.amplifier().setPowered(true);
            if (!wasOn) {
                sleepUntil(Math.max(clock.millis() + config.warmUp().toMillis(),
                        item.getPlannedAtMs() - config.zoneSettle().toMillis()));
            }
            for (long zone : item.getZoneIdsList()) {
                try {
                    hardware.zones().setZone(zone, true);
                    switched.add(zone);
                } catch (HardwareException e) {
                    failedZones.add(zone);
                    log.error("station {} item {}: zone {} failed: {}", stationId, item.getItemId(), zone,
                            e.getMessage());
                }
            }
            if (switched.isEmpty()) {
                return report.setOutcome(PlayReport.Outcome.FAILED).setReason("ZONES_FAILED").build();
            }
            hardware.audio().open(source.format(), item.getItemId());
            short[] first = source.nextFrame();
            sleepUntil(item.getPlannedAtMs());
            LevelMeter meter = new LevelMeter();
            long startedAt = clock.millis();
            report.setStartedAtMs(startedAt);
            boolean cut = false;
            short[] frame = first;
            for (; frame != null; frame = source.nextFrame()) {
                if (!running.getAsBoolean()) {
                    cut = true;
                    break;
                }
                hardware.audio().write(frame, 0, frame.length);
                meter.add(frame, frame.length);
            }
            hardware.audio().close();
            report.setEndedAtMs(clock.millis()).setPeakDbfs(meter.peakDbfs()).setRmsDbfs(meter.rmsDbfs());
            if (cut) {
                return report.setOutcome(PlayReport.Outcome.FAILED).setReason("AGENT_STOPPING").build();
            }
            String reason = failedZones.isEmpty() ? "" : "ZONES_FAILED:" + join(failedZones);
            if (startedAt - item.getPlannedAtMs() > 1000) {
                reason = reason.isEmpty() ? "STARTED_LATE" : reason + ";STARTED_LATE";
            }
            return report.setOutcome(PlayReport.Outcome.PLAYED).setReason(reason).build();
        } catch (HardwareException e) {
            log.error("station {} item {}: hardware failed: {}", stationId, item.getItemId(), e.getMessage());
            return report.setOutcome(PlayReport.Outcome.FAILED).setReason("HARDWARE: " + e.getMessage())
                    .setEndedAtMs(clock.millis()).build();
        } catch (IOException e) {
            log.error("station {} item {}: decoding failed: {}", stationId, item.getItemId(), e.getMessage());
            return report.setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_CORRUPT")
                    .setEndedAtMs(clock.millis()).build();
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
        }
    }

    PlayReport.Builder baseReport(PlanItem item) {
        return PlayReport.newBuilder().setReportId(UUID.randomUUID().toString()).setItemId(item.getItemId())
                .setScheduleId(item.getScheduleId()).setBulletinId(item.getBulletinId())
                .addAllZoneIds(item.getZoneIdsList()).setPlannedAtMs(item.getPlannedAtMs())
                .setPriority(item.getPriority());
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
