package vn.loa.controller.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.area.Area;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.report.ProvinceReport;
import vn.loa.controller.station.Station;
import vn.loa.controller.storage.UninterruptedStop;

/**
 * Makes exchange records of what happened, a leader job (docs/integration.md#exchange-schema): every tick the
 * broadcast-log lines not yet recorded; every {@code registryEvery} ticks the station registry, the bulletins and
 * the schedules,
 * a new record only for what changed (the key carries a digest of the content); alarm changes as they happen.
 * Each record is stored once by key and queued for the exchange endpoint in the same transaction. Owns its one
 * thread.
 */
public final class ExchangeCollector {
    private static final Logger log = LoggerFactory.getLogger(ExchangeCollector.class);
    private static final int BATCH = 500;

    /**
     * What the collector reads, each a database read; {@code monthlyReport} builds the province report of a month
     * (null: no monthly statistics).
     */
    public record Sources(Supplier<List<Station>> stations, Supplier<List<Area>> areas, Supplier<List<Bulletin>> bulletins,
            java.util.function.Function<java.time.YearMonth, ProvinceReport> monthlyReport) {
    }

    /** Told of each new record (webhooks), on the collector's thread. */
    @FunctionalInterface
    public interface Recorded {
        void recorded(String key, ExchangeRecord record, String body);
    }

    private final ExchangeRepository repository;
    private final ExchangeSchema schema;
    private final Sources sources;
    private final Runnable queued;
    private final Recorded recorded;
    private final Duration tick;
    private final int registryEvery;
    private final Clock clock;
    private ScheduledExecutorService thread;
    private volatile boolean stopping;
    private int ticks;
    /** The last month whose statistics were recorded by this collector (the thread's own; null after a start). */
    private java.time.YearMonth monthDone;

    /** @param queued told after new records were queued (wakes the outbox sender) */
    public ExchangeCollector(ExchangeRepository repository, ExchangeSchema schema, Sources sources, Runnable queued,
            Recorded recorded, Duration tick, int registryEvery, Clock clock) {
        this.recorded = recorded;
        this.repository = repository;
        this.schema = schema;
        this.sources = sources;
        this.queued = queued;
        this.tick = tick;
        this.registryEvery = registryEvery;
        this.clock = clock;
    }

    public void start() {
        stopping = false; // a node that stood by leads again
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("exchange-collector").daemon()
                .factory());
        thread.scheduleWithFixedDelay(this::pass, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopping = true;
        if (thread != null) {
            if (!UninterruptedStop.stop(thread, Duration.ofSeconds(20))) {
                log.warn("exchange collector still running 20 s into the stop");
            }
        }
    }

    /** An alarm changed (an alarm listener: returns at once, the record is written on the collector's thread). */
    public void alarmChanged(Alarm alarm, String event) {
        ScheduledExecutorService t = thread;
        if (t == null) {
            return; // not leading: the leader's own alarm service reports its changes
        }
        Instant at = clock.instant();
        try {
            t.execute(() -> {
                try {
                    if (record("alarm:" + alarm.id() + ":" + event + ":" + at.toEpochMilli(),
                            new ExchangeRecord.AlarmEntry(alarm, event, at))) {
                        queued.run();
                    }
                } catch (RuntimeException e) {
                    log.error("exchange: alarm {} {} could not be recorded: {}", alarm.id(), event, e.toString(), e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.warn("exchange: alarm {} {} not recorded: the collector is stopping", alarm.id(), event);
        }
    }

    private void pass() {
        try {
            int n = collectPlays();
            if (ticks++ % registryEvery == 0) {
                n += collectRegistry();
                n += collectMonthly();
            }
            if (n > 0) {
                queued.run();
            }
        } catch (RuntimeException e) {
            log.error("exchange: a collection pass failed: {}", e.toString(), e);
        }
    }

    /** Records every broadcast-log line not recorded yet. @return how many */
    public int collectPlays() {
        int total = 0;
        List<PlayRecord> batch;
        do {
            batch = repository.unrecordedPlays(BATCH);
            for (PlayRecord p : batch) {
                if (record(ExchangeRepository.playKey(p), new ExchangeRecord.BroadcastLogEntry(p))) {
                    total++;
                }
            }
        } while (batch.size() == BATCH && !stopping);
        return total;
    }

    /** Records every station, bulletin and schedule whose content changed since its last record. @return how many */
    public int collectRegistry() {
        int n = 0;
        Map<Long, Area> areas = sources.areas().get().stream().collect(Collectors.toMap(Area::id, a -> a));
        for (Station s : sources.stations().get()) {
            n += snapshot("station:" + s.id(), new ExchangeRecord.StationEntry(s, areas.get(s.areaId())));
        }
        Map<Long, String> approvals = repository.bulletinApprovals();
        for (Bulletin b : sources.bulletins().get()) {
            n += snapshot("bulletin:" + b.id(), new ExchangeRecord.BulletinEntry(b, approvals.get(b.id())));
        }
        for (ExchangeRecord.ScheduleEntry sc : repository.schedules()) {
            n += snapshot("schedule:" + sc.id(), sc);
        }
        return n;
    }

    /**
     * Records the statistics of the last month that is over, once per commune (docs/integration.md#monthly-statistics):
     * the month's report is built once per collector run, then only when the next month is due. @return how many
     */
    public int collectMonthly() {
        if (sources.monthlyReport() == null) {
            return 0;
        }
        java.util.Optional<java.time.YearMonth> due = MonthlyStatistics.due(clock.instant(), monthDone);
        if (due.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (MonthlyStatistics.Keyed k : MonthlyStatistics.records(sources.monthlyReport().apply(due.get()))) {
            if (!repository.has(k.key()) && record(k.key(), k.record())) {
                n++;
            }
        }
        monthDone = due.get();
        return n;
    }

    /** A record of the current content, keyed by a digest of it: the same content is never recorded twice. */
    private int snapshot(String id, ExchangeRecord record) {
        String content = schema.encode(id, Instant.EPOCH, record);
        String key = id + ":" + digest(content);
        if (repository.has(key)) {
            return 0;
        }
        return record(key, record) ? 1 : 0;
    }

    private boolean record(String key, ExchangeRecord record) {
        Instant now = clock.instant();
        String body = schema.encode(key, now, record);
        if (!repository.append(key, record.kind(), body, now)) {
            return false;
        }
        try {
            recorded.recorded(key, record, body);
        } catch (RuntimeException e) {
            log.error("exchange: record {} stored, but its webhook events were not queued: {}", key, e.toString(), e);
        }
        return true;
    }

    private static String digest(String content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
