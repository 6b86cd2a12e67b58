package vn.loa.controller.health;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.storage.StorageException;

/**
 * Stores raw health samples in batches: heartbeats are queued and written by one background loop in
 * one transaction per batch (a JDBC batch), every second or as soon as a batch is full, whichever
 * comes first. With 10,000 stations that is one commit a second instead of a thousand.
 *
 * <p>The queue is bounded: when the database is down or too slow and it fills, the oldest samples
 * are dropped (health samples are telemetry) and a rate-limited warning says how many; a caller is
 * never blocked. A failed batch goes back to the head of the queue and is tried again; when some rows
 * of a batch store and others do not, the refused rows are dropped with an error naming their station.
 *
 * <p>{@link #flush()} stores everything queued before the call (readers of raw samples call it
 * first); {@link #close()} stops the loop and flushes, so a clean stop loses nothing.
 */
public final class HealthSampleWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthSampleWriter.class);
    static final int BATCH_ROWS = 500;
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** One minute of heartbeats from 10,000 stations (about 15 MB at worst). */
    static final int CAPACITY = 60_000;
    static final Duration WARN_EVERY = Duration.ofSeconds(10);
    private final Jdbc jdbc;
    private final int batchRows;
    private final Duration interval;
    private final int capacity;
    private final long warnEveryNanos;

    /** Guards {@link #queue} and {@link #closing}; never held while the database is written. */
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition wake = queueLock.newCondition();
    private final ArrayDeque<HealthSample> queue = new ArrayDeque<>();
    private boolean closing;
    /** One writer at a time (the loop or a flushing reader), so a flush sees everything queued before it. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final AtomicLong failedWrites = new AtomicLong();
    /** Batches refused in a row (guarded by {@link #writeLock}): the first is a warning, the recovery is logged. */
    private int refusedInARow;
    private final Thread loop;

    public HealthSampleWriter(Jdbc jdbc) {
        this(jdbc, BATCH_ROWS, INTERVAL, CAPACITY, WARN_EVERY);
    }

    HealthSampleWriter(Jdbc jdbc, int batchRows, Duration interval, int capacity, Duration warnEvery) {
        if (batchRows < 1 || capacity < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("batchRows " + batchRows + ", capacity " + capacity + ", interval "
                    + interval);
        }
        this.jdbc = jdbc;
        this.batchRows = batchRows;
        this.interval = interval;
        this.capacity = capacity;
        this.warnEveryNanos = warnEvery.toNanos();
        this.loop = Thread.ofPlatform().name("health-sample-writer").daemon(true).start(this::run);
    }

    /** Queues a sample; never blocks. After {@link #close()} the sample is written at once instead. */
    public void add(HealthSample s) {
        int over;
        queueLock.lock();
        try {
            if (closing) {
                over = -1;
            } else {
                queue.addLast(s);
                over = trimLocked();
                if (queue.size() >= batchRows) {
                    wake.signal();
                }
            }
        } finally {
            queueLock.unlock();
        }
        if (over < 0) {
            // a late heartbeat while the controller stops: store it directly rather than lose it
            writeNow(List.of(s));
        } else if (over > 0) {
            noteDropped(over);
        }
    }

    /** Writes samples at once, in one transaction (health recorded offline, acknowledged only once stored). */
    public void writeNow(List<HealthSample> samples) {
        if (!samples.isEmpty()) {
            jdbc.inTransaction(c -> HealthSampleRows.insert(c, samples));
        }
    }

    /**
     * Stores every sample queued before this call.
     *
     * @throws StorageException when the database refused them (they stay queued)
     */
    public void flush() {
        int kept = writeQueued();
        if (kept > 0) {
            throw new StorageException(new SQLException("health samples not stored; " + kept + " kept queued"));
        }
    }

    /** Samples dropped since start because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Batches the database refused since start (each was kept queued and tried again). */
    long failedWrites() {
        return failedWrites.get();
    }

    int queued() {
        queueLock.lock();
        try {
            return queue.size();
        } finally {
            queueLock.unlock();
        }
    }

    /** Stops the loop and stores what is queued. Safe to call twice. */
    @Override
    public void close() {
        queueLock.lock();
        try {
            closing = true;
            wake.signal();
        } finally {
            queueLock.unlock();
        }
        try {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            log.error("health samples: the writer did not stop within 30 s; {} samples may not be stored", queued());
            return;
        }
        try {
            flush();
        } catch (StorageException e) {
            log.error("health samples: {} samples could not be stored on stop: {}", queued(), e.toString(), e);
        }
        reportDrops(true);
    }

    private void run() {
        boolean refused = false;
        while (true) {
            boolean stop;
            queueLock.lock();
            try {
                long waitNanos = interval.toNanos();
                // after a refused round, wait the whole interval even with a full batch queued: no busy retries
                while (!closing && (refused || queue.size() < batchRows) && waitNanos > 0) {
                    waitNanos = wake.awaitNanos(waitNanos);
                }
                stop = closing;
            } catch (InterruptedException e) {
                log.error("health samples: the writer was interrupted; {} samples left for the final flush", queue.size());
                return;
            } finally {
                queueLock.unlock();
            }
            if (stop) {
                return; // close() flushes what is left
            }
            try {
                refused = writeQueued() > 0;
            } catch (RuntimeException e) {
                refused = true;
                log.error("health samples: writing failed: {}", e.toString(), e);
            }
            reportDrops(false);
        }
    }

    /**
     * Writes what is queued now, batch by batch, stopping at the first batch the database refuses.
     *
     * @return how many samples went back to the queue (0: all stored)
     */
    private int writeQueued() {
        writeLock.lock();
        try {
            List<HealthSample> pending = drain();
            int from = 0;
            try {
                while (from < pending.size() && store(pending.subList(from, Math.min(pending.size(), from + batchRows)))) {
                    from += batchRows;
                }
            } finally {
                if (from < pending.size()) {
                    requeue(pending.subList(from, pending.size())); // refused, or an unexpected failure: nothing lost
                }
            }
            return Math.max(pending.size() - from, 0);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes one batch. When the batch fails, its rows are tried one by one: when none stores, the
     * database is unavailable ({@code false}: the caller keeps them queued); rows refused while others
     * stored are dropped with an error.
     */
    private boolean store(List<HealthSample> chunk) {
        try {
            jdbc.inTransaction(c -> HealthSampleRows.insert(c, chunk));
            if (refusedInARow > 0) {
                log.info("health samples: stored again after {} refused attempts", refusedInARow);
                refusedInARow = 0;
            }
            return true;
        } catch (StorageException batchFailure) {
            failedWrites.incrementAndGet();
            List<HealthSample> refused = new ArrayList<>();
            List<SQLException> reasons = new ArrayList<>();
            int stored;
            try {
                stored = jdbc.inConnection(c -> {
                    int ok = 0;
                    for (HealthSample s : chunk) {
                        try {
                            HealthSampleRows.insert(c, List.of(s));
                            ok++;
                        } catch (SQLException e) {
                            refused.add(s);
                            reasons.add(e);
                        }
                    }
                    return ok;
                });
            } catch (StorageException noConnection) {
                stored = 0;
            }
            boolean allBadData = !reasons.isEmpty() && reasons.size() == chunk.size()
                    && reasons.stream().allMatch(StorageException::isBadData);
            if (stored == 0 && !allBadData) {
                if (refusedInARow++ == 0) {
                    log.warn("health samples: the database refused a batch of {}; kept queued and tried again every {} "
                            + "ms: {}", chunk.size(), interval.toMillis(),
                            batchFailure.getCause() == null ? batchFailure : batchFailure.getCause().toString());
                } else {
                    log.debug("health samples: the database refused a batch of {} ({} in a row)", chunk.size(),
                            refusedInARow);
                }
                return false;
            }
            if (refusedInARow > 0) { // it came back between the batch and the rows one by one
                log.info("health samples: stored again after {} refused attempts", refusedInARow);
                refusedInARow = 0;
            }
            for (int i = 0; i < refused.size(); i++) {
                HealthSample s = refused.get(i);
                log.error("station {}: health sample of {} refused by the database and dropped: {}", s.stationId(),
                        s.sampledAt(), reasons.get(i).toString());
            }
            return true;
        }
    }

    private List<HealthSample> drain() {
        queueLock.lock();
        try {
            List<HealthSample> out = new ArrayList<>(queue);
            queue.clear();
            return out;
        } finally {
            queueLock.unlock();
        }
    }

    /** Puts samples that could not be stored back at the head, oldest first; the bound then drops the oldest. */
    private void requeue(List<HealthSample> samples) {
        int over;
        queueLock.lock();
        try {
            for (int i = samples.size() - 1; i >= 0; i--) {
                queue.addFirst(samples.get(i));
            }
            over = trimLocked();
        } finally {
            queueLock.unlock();
        }
        if (over > 0) {
            noteDropped(over);
        }
    }

    /** Drops the oldest samples beyond the capacity; the caller holds the queue lock. */
    private int trimLocked() {
        int over = queue.size() - capacity;
        for (int i = 0; i < over; i++) {
            queue.pollFirst();
        }
        return Math.max(over, 0);
    }

    private void noteDropped(int n) {
        dropped.addAndGet(n);
        droppedSinceWarning.addAndGet(n);
        reportDrops(false);
    }

    /** At most one warning per {@link #WARN_EVERY} (unless {@code now}), saying how many were dropped since the last. */
    private void reportDrops(boolean now) {
        if (droppedSinceWarning.get() == 0) {
            return;
        }
        long t = System.nanoTime();
        long last = lastWarningNanos.get();
        if (!now && t - last < warnEveryNanos || !lastWarningNanos.compareAndSet(last, t)) {
            return;
        }
        long n = droppedSinceWarning.getAndSet(0);
        if (n > 0) {
            log.warn("health samples: {} dropped since the last warning ({} in all; the queue holds at most {}): "
                    + "the database is down or too slow", n, dropped.get(), capacity);
        }
    }
}
