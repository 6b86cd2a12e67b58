package vn.loa.controller.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.HealthRecord;

/**
 * Stores health a station recorded while its link was down into the same history as live
 * heartbeats, once: a sample is identified by (station, sampled at), so a batch sent again after a
 * lost acknowledgement adds nothing. Samples older than the raw retention, or too far in the future
 * (an unsynchronised station clock), are skipped; hours already rolled up are rolled up again.
 * Runs on the blocking executor, one batch of a station at a time ({@link #storeInOrder}, on the station's lane).
 */
public final class HealthHistoryStore {
    private static final Logger log = LoggerFactory.getLogger(HealthHistoryStore.class);
    /** More than this ahead of the controller's clock is not a time the station can have sampled at. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final HealthRepository repository;
    private final Clock clock;
    private final StationLanes lanes;

    public HealthHistoryStore(HealthRepository repository, Clock clock, Executor blocking) {
        this.repository = repository;
        this.clock = clock;
        this.lanes = new StationLanes(blocking);
    }

    /**
     * Stores a batch on the station's lane of the blocking executor (after its earlier batches), then tells
     * {@code stored} how many samples were new; never blocks. Nothing is told when storing fails (logged).
     */
    public void storeInOrder(long stationId, List<HealthRecord> records, IntConsumer stored) {
        lanes.run(stationId, "storing offline health", () -> stored.accept(store(stationId, records)));
    }

    /** @return how many samples were new */
    public int store(long stationId, List<HealthRecord> records) {
        Instant now = clock.instant();
        Instant oldest = now.minus(HealthRollup.RAW_RETENTION);
        Instant newest = now.plus(FUTURE_TOLERANCE);
        List<HealthRecord> valid = records.stream().filter(r -> r.hasHeartbeat()).filter(r -> {
            Instant t = Instant.ofEpochMilli(r.getSampledAtMs());
            return !t.isBefore(oldest) && !t.isAfter(newest);
        }).toList();
        if (valid.size() < records.size()) {
            log.warn("station {}: {} of {} offline health samples skipped (no heartbeat, older than {} days, or "
                    + "in the future)", stationId, records.size() - valid.size(), records.size(),
                    HealthRollup.RAW_RETENTION.toDays());
        }
        if (valid.isEmpty()) {
            return 0;
        }
        Instant from = valid.stream().map(r -> Instant.ofEpochMilli(r.getSampledAtMs())).min(Instant::compareTo)
                .orElseThrow();
        Instant to = valid.stream().map(r -> Instant.ofEpochMilli(r.getSampledAtMs())).max(Instant::compareTo)
                .orElseThrow();
        Set<Instant> stored = repository.sampleTimes(stationId, from, to);
        List<HealthSample> batch = new ArrayList<>();
        for (HealthRecord r : valid) {
            Instant at = Instant.ofEpochMilli(r.getSampledAtMs());
            if (stored.add(at)) {
                batch.add(HealthSample.of(stationId, at, r.getHeartbeat()));
            }
        }
        int fresh = batch.size();
        repository.insertAll(batch); // one transaction: all of the batch or none, then the acknowledgement
        if (fresh > 0) {
            repository.rewindRollup(from.truncatedTo(ChronoUnit.HOURS));
            log.info("station {}: stored {} health samples recorded offline between {} and {} ({} already stored)",
                    stationId, fresh, from, to, valid.size() - fresh);
        }
        return fresh;
    }
}
