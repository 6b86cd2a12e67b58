package vn.loa.bench.load;

/**
 * What one simulated station saw of one announcement (epoch µs, 0 = never): when its start and first
 * packet arrived, how many packets it got, how many were missing (gaps or never sent before the end)
 * and how many arrived after their play instant. An untimed station ({@link TimedSample}) read its packets in
 * batches: its arrival instants and late count say nothing of the controller.
 */
public record BroadcastRecord(long stationId, long broadcastId, long startAtMs, long startArrivedUs,
        long firstPacketUs, long lastPacketUs, int received, int missing, int late, int totalPackets,
        long endArrivedUs, boolean timed) {
}
