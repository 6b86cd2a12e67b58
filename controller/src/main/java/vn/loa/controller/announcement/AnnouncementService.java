package vn.loa.controller.announcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.ObjDoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Priority;

/**
 * Opens announcements: checks the request and prepares the audio once ({@link AnnouncementPreparer}),
 * stores it with its targets, and sends it ({@link Airwaves}) to every target with one common start
 * instant a short lead ahead ({@link LeadPolicy}). A station that reconnects while it runs joins late
 * ({@link AnnouncementWindow#join}); the stations' states are the {@link StationTracker}'s. Stops an
 * announcement everywhere on request.
 */
public final class AnnouncementService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementService.class);
    /** From the request to the common start: time to reach every station and switch its relays. */
    public static final long DEFAULT_LEAD_MS = 800;

    private final AnnouncementRepository repository;
    private final AnnouncementPreparer preparer;
    private final StationLinks links;
    private final Airwaves airwaves;
    private final StationTracker tracker;
    private final ExecutorService blocking;
    private final Clock clock;
    private final ObjectMapper json;
    private final long leadMs;
    /** On a standby node, requests are checked here and played by the leader (docs/architecture.md#leadership). */
    private volatile BooleanSupplier standby = () -> false;
    private volatile AnnouncementHandOvers handOvers;

    public AnnouncementService(AnnouncementRepository repository, AnnouncementPreparer preparer, StationLinks links,
            Airwaves airwaves, ExecutorService blocking, Clock clock, ObjectMapper json, long leadMs) {
        this.repository = repository;
        this.preparer = preparer;
        this.links = links;
        this.airwaves = airwaves;
        this.tracker = new StationTracker(repository, clock);
        this.blocking = blocking;
        this.clock = clock;
        this.json = json;
        this.leadMs = leadMs;
    }

    /** Told, per station, how long after its request an announcement started there (for the metrics). */
    public void onStationStart(ObjDoubleConsumer<String> listener) {
        tracker.onStationStart(listener);
    }

    public void start() {
        tracker.start();
    }

    /**
     * In a cluster: while {@code standby} holds, a request is checked on this node and handed to the leader,
     * which creates and plays it; the caller gets the leader's answer. A live one is refused, naming the leader.
     */
    public void whileStandby(BooleanSupplier standby, AnnouncementHandOvers handOvers) {
        this.standby = standby;
        this.handOvers = handOvers;
    }

    /** On the leader: creates and plays a request a standby handed over, and answers it. Blocking. */
    public void takeHandOver(long handOverId) {
        AnnouncementHandOvers h = handOvers;
        if (h != null) {
            h.take(handOverId, r -> createChecked(preparer.check(r, List.of(), clock.instant())));
        }
    }

    public TextToSpeech tts() {
        return preparer.tts();
    }

    public record Request(String title, Priority priority, Targets targets, AnnouncementSource source, boolean chime,
            int repeat, Instant startAt, Long accountId) {
    }

    /**
     * Checks, prepares the audio, stores the announcement and its stations, and (unless it is live) opens it.
     * The start is fixed once the rows are written, so their time does not come out of the lead. Blocking.
     *
     * @param earlier the problems the caller found in the request already, answered together with these
     * @throws Rejection with every problem when refused (docs/api.md#errors)
     */
    public long create(Request r, List<Problem> earlier) throws IOException, InterruptedException {
        AnnouncementPreparer.Checked checked = preparer.check(r, earlier, clock.instant());
        AnnouncementHandOvers h = handOvers;
        if (h != null && standby.getAsBoolean()) {
            if (r.source() instanceof AnnouncementSource.Live) {
                throw RejectionCode.LIVE_ON_LEADER_ONLY.reject(h.leader());
            }
            return h.handOver(r);
        }
        return createChecked(checked);
    }

    private long createChecked(AnnouncementPreparer.Checked checked) throws IOException, InterruptedException {
        Request r = checked.request();
        long began = System.nanoTime();
        AnnouncementPreparer.Audio audio = preparer.prepare(checked);
        long prepared = System.nanoTime();
        Map<Long, SortedSet<Long>> zones = new HashMap<>(checked.resolver().resolve(r.targets()).byStation());
        Map<Long, StationState> initial = new HashMap<>();
        for (long stationId : zones.keySet()) {
            initial.put(stationId, links.isOnline(stationId) ? StationState.PENDING : StationState.OFFLINE);
        }
        long lead = leadFor(zones.keySet());
        long requestedStart = r.startAt() == null ? 0 : r.startAt().toEpochMilli();
        long resolved = System.nanoTime();
        AnnouncementRepository.Stored stored = repository.create(new AnnouncementRepository.NewAnnouncement(r.title(),
                r.priority().name(), r.source(), audio.sha256(), r.chime(), r.repeat(),
                json.writeValueAsString(r.targets()), Instant.ofEpochMilli(Math.max(requestedStart, clock.millis())),
                r.accountId()), zones, initial, () -> Instant.ofEpochMilli(Math.max(requestedStart, clock.millis() + lead)));
        long id = stored.id();
        long startAt = stored.startAt().toEpochMilli();
        long rowsStored = System.nanoTime();
        BroadcastStart template = audio.start().setBroadcastId(id).setStartAtMs(startAt).build();
        Transmission transmission = airwaves.prepare(template, zones.size(),
                (stationId, attempt, atMs) -> tracker.linkLost(id, stationId, attempt, atMs));
        audio.packets().forEach(transmission::addPacket);
        RunningAnnouncement a = new RunningAnnouncement(template, zones, initial, transmission, clock.millis());
        tracker.track(a);
        if (audio.recorded()) {
            transmission.end();
            open(a, startAt);
        }
        log.info("announcement {} '{}' ({}, {}) to {} stations ({} offline), lead {} ms, start at {}; checked and audio "
                + "ready in {} ms, targets resolved in {} ms, {} rows stored in {} ms, starts queued in {} ms", id,
                r.title(), r.priority(), r.source().type(), zones.size(),
                initial.values().stream().filter(s -> s == StationState.OFFLINE).count(), lead,
                Instant.ofEpochMilli(startAt), ms(prepared - began), ms(resolved - prepared), zones.size() + 1,
                ms(rowsStored - resolved), ms(System.nanoTime() - rowsStored));
        return id;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The lead for these targets: {@link LeadPolicy#lead} over the ones connected now. */
    private long leadFor(Collection<Long> stationIds) {
        long longestStationLead = 0;
        int connected = 0;
        for (long id : stationIds) {
            Optional<StationLink> link = links.link(id);
            if (link.isPresent()) {
                connected++;
                longestStationLead = Math.max(longestStationLead, link.get().startLeadMs());
            }
        }
        return LeadPolicy.lead(leadMs, longestStationLead, connected);
    }

    /**
     * Opens the announcement: every connected target's start, grouped by event loop (one task per loop
     * writes its starts), then the rest of the audio, paced. A live announcement opens with its first audio.
     */
    private void open(RunningAnnouncement a, long startAt) {
        a.open(startAt);
        if (a.live) {
            blocking.execute(() -> repository.updateStartAt(a.id, Instant.ofEpochMilli(startAt)));
        }
        Map<Executor, List<Transmission.Start>> starts = new HashMap<>();
        for (var group : links.byLoop(a.stationIds()).entrySet()) {
            List<Transmission.Start> loopStarts = new ArrayList<>(group.getValue().size());
            for (StationLink link : group.getValue()) {
                if (takesAnnouncements(a, link)) {
                    loopStarts.add(new Transmission.Start(link, a.zonesOf(link.stationId()), startAt, 0));
                }
            }
            if (!loopStarts.isEmpty()) {
                starts.put(group.getKey(), loopStarts);
            }
        }
        a.transmission.open(startAt, starts);
    }

    /** False (and the target failed) when its agent did not offer announcements. */
    private boolean takesAnnouncements(RunningAnnouncement a, StationLink link) {
        if (link.supports(ProtocolVersion.CAP_BROADCAST_V1)) {
            return true;
        }
        log.warn("station {}: its agent does not take announcements (no {} capability); announcement {} skips it",
                link.stationId(), ProtocolVersion.CAP_BROADCAST_V1, a.id);
        tracker.failed(a, link.stationId(), "AGENT_WITHOUT_ANNOUNCEMENTS");
        return false;
    }

    /** A live announcement's encoder feeds packets here. */
    public Optional<LiveFeed> liveFeed(long id) {
        RunningAnnouncement a = tracker.running(id).orElse(null);
        // one feed per live announcement: a second sender would interleave with the first
        if (a == null || !a.live || a.transmission.ended() || !a.claimFeed()) {
            return Optional.empty();
        }
        return Optional.of(new LiveFeed() {
            @Override
            public void packet(byte[] opus) {
                if (a.wasLetGo()) {
                    return; // this node stopped leading: the socket is being closed
                }
                a.transmission.addPacket(opus);
                if (!a.opened()) {
                    // the lead is the stations' jitter buffer: they start this much after the first audio
                    long lead = leadFor(a.stationIds());
                    open(a, clock.millis() + lead);
                    log.info("announcement {}: live audio arriving; stations start at +{} ms", id, lead);
                }
            }

            @Override
            public void end() {
                a.transmission.end();
            }

            @Override
            public boolean letGo() {
                return a.wasLetGo();
            }
        });
    }

    /** Where a live source's packets go. */
    public interface LiveFeed {
        void packet(byte[] opus);

        void end();

        /**
         * True once this node stopped leading while the announcement ran: it ended at the stations (their
         * links went), and the speaker must start again on the leader.
         */
        boolean letGo();
    }

    /** A station connected (on its event loop): if an announcement for it still runs, it joins now. */
    public void stationConnected(StationLink link) {
        long stationId = link.stationId();
        for (RunningAnnouncement a : tracker.running()) {
            TargetState t = a.state(stationId);
            if (t == null) {
                continue;
            }
            // its link was lost while it played (and is being found lost now): it may still be playing what it holds
            StationLink old = a.transmission.linkOf(stationId);
            boolean foundLost = old != null && old != link && !old.isOpen() && !t.state().terminal();
            AnnouncementWindow.Join join = AnnouncementWindow.join(t, foundLost, a.opened(), a.stopped(), a.live,
                    a.transmission.ended(), clock.millis(), a.startAtMs(), a.playMs(), leadMs, link.startLeadMs());
            switch (join) {
                case AnnouncementWindow.Join.None none -> { }
                case AnnouncementWindow.Join.Resume resume -> {
                    TargetState now = tracker.resumed(a, stationId);
                    log.info("station {} is back in announcement {} after its link was lost", stationId, a.id);
                    a.transmission.resume(new Transmission.Start(link, a.zonesOf(stationId), now.startAtMs(),
                            now.attempt()));
                }
                case AnnouncementWindow.Join.StartAt at -> {
                    TargetState now = tracker.joining(a, stationId, at.startAtMs());
                    log.info("station {} joins announcement {} late, starting at {}", stationId, a.id,
                            Instant.ofEpochMilli(at.startAtMs()));
                    if (takesAnnouncements(a, link)) {
                        a.transmission.join(new Transmission.Start(link, a.zonesOf(stationId), at.startAtMs(),
                                now.attempt()));
                    }
                }
            }
        }
    }

    /** A station said what it is doing. */
    public void onStatus(long stationId, BroadcastStatus status) {
        tracker.onStatus(stationId, status);
    }

    /** Stops an announcement everywhere; false when there is no such running announcement. Blocking. */
    public boolean stop(long id, String reason) {
        return tracker.stop(id, reason);
    }

    /**
     * On a standby node, the leader ({@code node, agent address}) that runs the announcements (stopping one is
     * asked of it); empty on the leader.
     */
    public Optional<String> standbyFor() {
        AnnouncementHandOvers h = handOvers;
        return h != null && standby.getAsBoolean() ? Optional.of(h.leader()) : Optional.empty();
    }

    public Optional<AnnouncementView> view(long id) {
        return tracker.view(id);
    }

    @Override
    public void close() {
        tracker.close(); // the states reported so far are stored before the database closes
    }
}
