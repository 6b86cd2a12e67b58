package vn.loa.controller.health;

import java.time.Instant;
import java.util.List;
import vn.loa.protocol.v1.Heartbeat;

/** One heartbeat as stored: what a station said about itself at one instant. Null = the station cannot tell. */
public record HealthSample(long stationId, Instant sampledAt, long uptimeMs, Double cpuLoad, Double cpuTempC,
        Long memTotal, Long memAvailable, long diskFree, long diskTotal, long linkRttUs, long clockOffsetUs,
        boolean clockSynchronised, String agentVersion, boolean sensorsKnown, boolean amplifierPowered,
        boolean amplifierFault, boolean mainsPresent, boolean doorOpen, List<Long> relaysOn, List<Long> failedZones,
        Float outputLevelDbfs, int volumePercent, String playingItemId, long playFailuresTotal,
        int consecutiveFailures, long streamUnderruns, int outboxPending) {

    public static HealthSample of(long stationId, Instant at, Heartbeat h) {
        return new HealthSample(stationId, at, h.getUptimeMs(), h.hasCpuLoad1M() ? h.getCpuLoad1M() : null,
                h.hasCpuTemperatureC() ? h.getCpuTemperatureC() : null,
                h.hasMemoryTotalBytes() ? h.getMemoryTotalBytes() : null,
                h.hasMemoryAvailableBytes() ? h.getMemoryAvailableBytes() : null, h.getDiskFreeBytes(),
                h.getDiskTotalBytes(), h.getLinkRttUs(), h.getClockOffsetUs(), h.getClockSynchronised(),
                truncate(h.getAgentVersion(), 40), h.getSensorsKnown(), h.getAmplifierPowered(),
                h.getAmplifierFault(), h.getMainsPresent(), h.getDoorOpen(), List.copyOf(h.getRelaysOnList()),
                List.copyOf(h.getFailedZoneIdsList()), h.hasOutputLevelDbfs() ? h.getOutputLevelDbfs() : null,
                h.getVolumePercent(), truncate(h.getPlayingItemId(), 100), h.getPlayFailuresTotal(),
                h.getConsecutivePlayFailures(), h.getStreamUnderruns(), h.getOutboxPending());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
