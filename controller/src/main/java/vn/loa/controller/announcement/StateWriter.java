package vn.loa.controller.announcement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.UninterruptedStop;

/**
 * Stores announcement state changes in batches: what was queued is written every {@link #FLUSH_EVERY_MS}
 * ms, as if in the order it was queued (a station's RECEIVING, PLAYING and DONE land in that order, or
 * merged into one update; an announcement's final state after its stations' rows). 10,000 stations report three
 * states each; one statement, one pooled connection and one commit per report was 30,000 of each per
 * announcement, which exhausted the connection pool (docs/performance.md §2). A batch that fails is kept
 * and tried again with the next flush; the last of {@link #MAX_ATTEMPTS} attempts writes the changes one
 * by one, so a change with bad data loses only itself (and is named in the error); changes refused
 * because the database is unavailable are kept and tried again, one by one, every flush.
 */
final class StateWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
    static final long FLUSH_EVERY_MS = 200;
    static final int MAX_ATTEMPTS = 3;

    private final AnnouncementRepository repository;
    private final LongConsumer announcementStored;
    private final ConcurrentLinkedQueue<AnnouncementRepository.Change> queue = new ConcurrentLinkedQueue<>();
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService timer;
    /**
     * One flush at a time (the timer's, or stop()'s on a blocking virtual thread); a ReentrantLock, not a
     * monitor, since the JDBC work runs under it.
     */
    private final ReentrantLock flushing = new ReentrantLock();
    /** A batch whose transaction failed, written first next time; guarded by {@link #flushing}. */
    private List<AnnouncementRepository.Change> failed = List.of();
    private int attempts;

    /**
     * @param announcementStored told, after the commit, the id of every announcement whose own state was
     *                           written (the service then stops showing it from memory)
     */
    StateWriter(AnnouncementRepository repository, LongConsumer announcementStored) {
        this.repository = repository;
        this.announcementStored = announcementStored;
    }

    /**
     * This node leads: what an earlier term of this node left unwritten (its writes were fenced out when it
     * lost the lease) is dropped, not written under the new term — the announcements it was about were
     * closed by the leader that took over.
     */
    void start() {
        flushing.lock();
        try {
            int stale = queue.size() + failed.size();
            if (stale > 0) {
                log.warn("{} announcement states from an earlier term of this node dropped (fenced out when it "
                        + "stopped leading)", stale);
            }
            queue.clear();
            failed = List.of();
            attempts = 0;
        } finally {
            flushing.unlock();
        }
        closed = false;
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("announcement-state-writer").daemon(true).factory());
        timer = t;
        t.scheduleWithFixedDelay(this::flushOnTimer, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private volatile boolean closed;

    /** Queues a change; never blocks (called from event loops and the pacer). */
    void add(AnnouncementRepository.Change change) {
        if (closed) {
            // a link that outlived the controller's stop: the database is about to close
            log.warn("{}: reported after the state writer stopped; not stored", describe(change));
            return;
        }
        queue.add(change);
    }

    /** How many changes wait to be written. */
    int pending() {
        flushing.lock();
        try {
            return queue.size() + failed.size();
        } finally {
            flushing.unlock();
        }
    }

    /** Writes everything queued so far, now, on the caller's thread (a blocking one). */
    void flush() {
        flushing.lock();
        try {
            List<AnnouncementRepository.Change> batch = new ArrayList<>(failed);
            for (AnnouncementRepository.Change c; (c = queue.poll()) != null; ) {
                batch.add(c);
            }
            if (batch.isEmpty()) {
                return;
            }
            batch = merged(batch);
            try {
                repository.apply(batch);
            } catch (RuntimeException e) {
                attempts++;
                if (attempts < MAX_ATTEMPTS) {
                    failed = batch;
                    throw new IllegalStateException("storing " + batch.size() + " announcement state changes failed "
                            + "(attempt " + attempts + " of " + MAX_ATTEMPTS + "; kept for the next flush): " + e, e);
                }
                failed = List.of();
                attempts = 0;
                oneByOne(batch, e);
                return;
            }
            failed = List.of();
            attempts = 0;
            stored(batch);
        } finally {
            flushing.unlock();
        }
    }

    /**
     * One change per station and announcement: what storing them in order would leave (when the writer
     * falls behind, a station's RECEIVING, PLAYING and DONE become one update). The announcements' own
     * changes keep their order, after the stations'.
     */
    static List<AnnouncementRepository.Change> merged(List<AnnouncementRepository.Change> batch) {
        java.util.Map<java.util.List<Long>, AnnouncementRepository.StationChange> stations = new java.util.LinkedHashMap<>();
        List<AnnouncementRepository.Change> announcements = new ArrayList<>();
        for (AnnouncementRepository.Change c : batch) {
            if (c instanceof AnnouncementRepository.StationChange s) {
                stations.merge(List.of(s.announcementId(), s.stationId()), s, AnnouncementRepository.StationChange::then);
            } else {
                announcements.add(c);
            }
        }
        List<AnnouncementRepository.Change> out = new ArrayList<>(stations.values());
        out.addAll(announcements);
        return out;
    }

    /**
     * The last attempt: each change on its own, so that one bad change loses only itself. Changes refused
     * for anything but their data (the database is down, the disk full) are kept for the next flush.
     */
    private void oneByOne(List<AnnouncementRepository.Change> batch, RuntimeException first) {
        List<String> lost = new ArrayList<>();
        List<AnnouncementRepository.Change> kept = new ArrayList<>();
        RuntimeException last = first;
        for (AnnouncementRepository.Change c : batch) {
            try {
                repository.apply(List.of(c));
                stored(List.of(c));
            } catch (RuntimeException e) {
                last = e;
                if (!vn.loa.controller.storage.StorageException.isBadData(e)) {
                    kept.add(c);
                    continue;
                }
                lost.add(describe(c) + " (" + e.getMessage() + ")");
                stored(List.of(c)); // given up: the service stops holding the announcement in memory for it
            }
        }
        if (!kept.isEmpty()) {
            failed = kept;
            attempts = MAX_ATTEMPTS - 1; // the next flush tries them one by one again
            throw new IllegalStateException("the database refuses announcement state changes: " + kept.size()
                    + " kept for the next flush" + (lost.isEmpty() ? "" : "; " + lost.size() + " with bad data dropped: "
                    + String.join("; ", lost.subList(0, Math.min(10, lost.size())))), last);
        }
        if (!lost.isEmpty()) {
            throw new IllegalStateException("storing announcement state changes failed " + MAX_ATTEMPTS
                    + " times; written one by one, " + lost.size() + " of " + batch.size() + " could not be stored: "
                    + String.join("; ", lost.subList(0, Math.min(10, lost.size()))) + (lost.size() > 10 ? "; …" : ""),
                    last);
        }
    }

    private void stored(List<AnnouncementRepository.Change> changes) {
        for (AnnouncementRepository.Change c : changes) {
            if (c instanceof AnnouncementRepository.AnnouncementChange a) {
                announcementStored.accept(a.announcementId());
            }
        }
    }

    private void flushOnTimer() {
        try {
            flush();
        } catch (RuntimeException e) {
            // logged here, not rethrown: an exception would cancel the periodic flush for good
            log.error("{}", e.getMessage(), e);
        }
    }

    private static String describe(AnnouncementRepository.Change c) {
        return c instanceof AnnouncementRepository.StationChange s
                ? "announcement " + s.announcementId() + " station " + s.stationId() + " " + s.state()
                : "announcement " + c.announcementId() + " " + ((AnnouncementRepository.AnnouncementChange) c).state();
    }

    /** Stops the timer and writes what is left. */
    @Override
    public void close() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null && !UninterruptedStop.stop(t, Duration.ofSeconds(10))) {
            log.warn("the announcement state writer did not stop within 10 s");
        }
        closed = true;
        for (int i = 0; i < MAX_ATTEMPTS && pending() > 0; i++) {
            try {
                flush();
            } catch (RuntimeException e) {
                log.error("at shutdown: {}", e.getMessage(), e);
            }
        }
    }
}
