package vn.loa.controller.announcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.gateway.StationRegistry;
import vn.loa.controller.gateway.StationSession;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.LiveEncoder;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketReader;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.BroadcastStop;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Priority;

/**
 * Opens announcements: resolves the targets, prepares the audio once (a bulletin's media, text
 * spoken by the TTS engine, or a live feed), and streams it to every target with one common start
 * instant a short lead ahead. Tracks each station's state from its reports, lets a station that
 * reconnects mid-announcement join late, and stops an announcement everywhere on request.
 */
public final class AnnouncementService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementService.class);
    /** From the request to the common start: time to reach every station and switch its relays. */
    public static final long DEFAULT_LEAD_MS = 800;
    private static final long PACE_EVERY_MS = 20;
    private static final long GIVE_UP_AFTER_END_MS = 60_000;
    /** Above an agent's own warm-up and settle: the network and the station's scheduling. */
    private static final long LEAD_MARGIN_MS = 300;
    /**
     * Starts sent within the default lead's own margin: the measured time to write the BroadcastStarts of
     * this many connected targets fits in the 800 ms (docs/architecture.md, "Timing").
     */
    static final int STARTS_IN_DEFAULT_LEAD = 1_000;
    /** Added to the lead per connected target beyond {@link #STARTS_IN_DEFAULT_LEAD}, in microseconds. */
    static final long LEAD_US_PER_STATION = 100;
    /** A live announcement whose audio does not start within this time is given up. */
    private static final long LIVE_WAIT_MS = 60_000;
    /** A target whose link closed while it played; it rejoins when it reconnects ({@link #stationConnected}). */
    private static final String LINK_LOST = "LINK_LOST";
    private static final String JOINED_LATE = "JOINED_LATE";

    private final AnnouncementRepository repository;
    private final BulletinRepository bulletins;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final StationRegistry registry;
    private final MediaStore media;
    private final MediaIngest ingest;
    private final TextToSpeech tts;
    private final Path tmpDir;
    private final ExecutorService blocking;
    private final Clock clock;
    private final ObjectMapper json;
    private final long leadMs;
    private final Map<Long, Broadcast> active = new ConcurrentHashMap<>();
    /** Finished, their final states not yet stored: still shown from memory ({@link #view}). */
    private final Map<Long, Broadcast> finishing = new ConcurrentHashMap<>();
    private final StateWriter writer;
    private final ScheduledExecutorService pacer;
    private volatile java.util.function.ObjDoubleConsumer<String> startListener = (priority, seconds) -> { };
    private final int livePreSkip = new LiveEncoder(LiveEncoder.SAMPLE_RATE).preSkip();

    public AnnouncementService(AnnouncementRepository repository, BulletinRepository bulletins,
            StationRepository stations, AreaRepository areas, StationRegistry registry, MediaStore media,
            MediaIngest ingest, TextToSpeech tts, Path tmpDir, ExecutorService blocking, Clock clock, ObjectMapper json,
            long leadMs) {
        this.repository = repository;
        this.bulletins = bulletins;
        this.stations = stations;
        this.areas = areas;
        this.registry = registry;
        this.media = media;
        this.ingest = ingest;
        this.tts = tts;
        this.tmpDir = tmpDir;
        this.blocking = blocking;
        this.clock = clock;
        this.json = json;
        this.leadMs = leadMs;
        this.pacer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("broadcast-pacer").daemon(true).factory());
        this.writer = new StateWriter(repository, finishing::remove);
    }

    /** Told, per station, how long after its request an announcement started there (for the metrics). */
    public void onStationStart(java.util.function.ObjDoubleConsumer<String> listener) {
        this.startListener = listener;
    }

    public void start() {
        int abandoned = repository.closeAbandoned();
        if (abandoned > 0) {
            log.warn("{} announcements were cut off by the last controller stop; marked FAILED", abandoned);
        }
        writer.start();
        pacer.scheduleAtFixedRate(this::tickQuietly, PACE_EVERY_MS, PACE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    public TextToSpeech tts() {
        return tts;
    }

    /** Refused with every reason at once. */
    public static final class Invalid extends RuntimeException {
        private final boolean unavailable;

        Invalid(List<String> reasons, boolean unavailable) {
            super(String.join("; ", reasons));
            this.unavailable = unavailable;
        }

        public boolean unavailable() {
            return unavailable;
        }
    }

    public record Request(String title, Priority priority, Targets targets, AnnouncementSource source, boolean chime,
            int repeat, Instant startAt, Long accountId) {
    }

    public long create(Request r, List<String> earlierErrors) throws IOException, InterruptedException {
        long began = System.nanoTime();
        List<String> errors = new ArrayList<>(earlierErrors);
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stations.findAll());
        if (r.targets() != null) {
            errors.addAll(resolver.problems(r.targets()));
        }
        Instant now = clock.instant();
        if (r.startAt() != null && r.startAt().isBefore(now.minusSeconds(1))) {
            errors.add("startAt: " + r.startAt() + " is in the past");
        }
        Bulletin bulletin = null;
        if (r.source() instanceof AnnouncementSource.FromBulletin b) {
            bulletin = bulletins.find(b.bulletinId()).orElse(null);
            if (bulletin == null) {
                errors.add("source.bulletinId: bulletin " + b.bulletinId() + " does not exist");
            }
        }
        boolean unavailable = false;
        if (r.source() instanceof AnnouncementSource.FromText t) {
            if (!tts.available()) {
                errors.add("source: " + tts.unavailableReason());
                unavailable = true;
            } else if (!tts.voices().contains(t.voice())) {
                errors.add("source.voice: '" + t.voice() + "' is not one of " + tts.voices());
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors, unavailable && errors.size() == 1);
        }

        // prepare the audio once
        Path lop = null;
        String sha = null;
        if (bulletin != null) {
            sha = bulletin.sha256();
            lop = media.pathOf(sha);
        } else if (r.source() instanceof AnnouncementSource.FromText t) {
            Path wav = tts.synthesize(t.text(), t.voice(), tmpDir);
            try {
                IngestedMedia m = ingest.ingest(wav, "tts.wav");
                sha = m.sha256();
                lop = m.file();
            } catch (MediaRejectedException e) {
                throw new IOException("the speech engine produced unusable audio: " + e.reason(), e);
            } finally {
                Files.deleteIfExists(wav);
            }
        }
        BroadcastStart.Builder start = BroadcastStart.newBuilder().setTitle(r.title()).setPriority(r.priority())
                .setChime(r.chime()).setRepeat(r.source() instanceof AnnouncementSource.Live ? 1 : r.repeat())
                .setLive(r.source() instanceof AnnouncementSource.Live);
        List<byte[]> packets = new ArrayList<>();
        if (lop != null) {
            try (OpusPacketReader reader = OpusPacketReader.open(lop)) {
                OpusPacketFile.Header h = reader.header();
                start.setSampleRate(h.sampleRate()).setChannels(h.channels()).setFrameSamples(h.frameSamples())
                        .setPreSkip(h.preSkip()).setTotalSamples(h.totalSamples());
                byte[] p;
                while ((p = reader.nextPacket()) != null) {
                    packets.add(p);
                }
            }
        } else {
            start.setSampleRate(LiveEncoder.SAMPLE_RATE).setChannels(1).setFrameSamples(LiveEncoder.FRAME_SAMPLES)
                    .setPreSkip(livePreSkip).setTotalSamples(0);
        }

        long prepared = System.nanoTime();
        Map<Long, SortedSet<Long>> zones = new HashMap<>(resolver.resolve(r.targets()).byStation());
        Map<Long, StationState> initial = new HashMap<>();
        for (long stationId : zones.keySet()) {
            initial.put(stationId, registry.isOnline(stationId) ? StationState.PENDING : StationState.OFFLINE);
        }
        long lead = leadFor(zones.keySet());
        long requestedStart = r.startAt() == null ? 0 : r.startAt().toEpochMilli();
        long resolved = System.nanoTime();
        // the start instant is fixed once the rows are written: their time does not come out of the lead
        AnnouncementRepository.Stored stored = repository.create(new AnnouncementRepository.NewAnnouncement(r.title(),
                r.priority().name(), r.source(), sha, r.chime(), r.repeat(), json.writeValueAsString(r.targets()),
                Instant.ofEpochMilli(Math.max(requestedStart, clock.millis())), r.accountId()), zones, initial,
                () -> Instant.ofEpochMilli(Math.max(requestedStart, clock.millis() + lead)));
        long id = stored.id();
        long startAt = stored.startAt().toEpochMilli();
        long rowsStored = System.nanoTime();
        Broadcast b = new Broadcast(id, start.setBroadcastId(id).setStartAtMs(startAt).build());
        packets.forEach(b::addPacket);
        if (lop != null) {
            b.end();
        }
        for (var e : zones.entrySet()) {
            Broadcast.Target t = new Broadcast.Target(e.getKey(), e.getValue(), initial.get(e.getKey()));
            t.startAtMs = startAt;
            b.targets.put(t.stationId, t);
        }
        b.batchTicks = Broadcast.batchTicksFor(b.targets.size());
        active.put(id, b);
        if (!b.template.getLive()) {
            open(b, startAt);
        }
        log.info("announcement {} '{}' ({}, {}) to {} stations ({} offline), lead {} ms, start at {}; checked and audio ready in {} ms, "
                + "targets resolved in {} ms, {} rows stored in {} ms, starts queued in {} ms", id, r.title(), r.priority(),
                r.source().type(), zones.size(), initial.values().stream().filter(s -> s == StationState.OFFLINE).count(),
                lead, Instant.ofEpochMilli(startAt), ms(prepared - began), ms(resolved - prepared), zones.size() + 1,
                ms(rowsStored - resolved), ms(System.nanoTime() - rowsStored));
        return id;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * The lead before the common start: long enough for every connected target to warm its amplifier up
     * and settle its relays (each agent says how long it needs), never shorter than the default, plus the
     * time to write the starts of the connected targets beyond the first {@link #STARTS_IN_DEFAULT_LEAD}.
     */
    private long leadFor(java.util.Collection<Long> stationIds) {
        long longestStationLead = 0;
        int connected = 0;
        for (long id : stationIds) {
            Optional<StationSession> s = registry.session(id);
            if (s.isPresent()) {
                connected++;
                longestStationLead = Math.max(longestStationLead, s.get().startLeadMs());
            }
        }
        return lead(leadMs, longestStationLead, connected);
    }

    /**
     * max(default, the longest {@code start_lead_ms} + 300 ms) + 0.1 ms per connected target beyond the
     * first 1,000: 800 ms for a commune or a province of up to 1,000 stations with agent defaults, 1.7 s
     * for 10,000 (docs/architecture.md, "Timing").
     */
    static long lead(long defaultLeadMs, long longestStationLeadMs, int connectedTargets) {
        long warmUp = longestStationLeadMs > 0 ? longestStationLeadMs + LEAD_MARGIN_MS : 0;
        long sending = Math.max(0, connectedTargets - STARTS_IN_DEFAULT_LEAD) * LEAD_US_PER_STATION / 1000;
        return Math.max(defaultLeadMs, warmUp) + sending;
    }

    /** A station joining late: its own warm-up and settle (plus the margin), never less than the default. */
    static long joinLead(long defaultLeadMs, long stationLeadMs) {
        return lead(defaultLeadMs, stationLeadMs, 1);
    }

    /**
     * Opens the broadcast in two phases: first every connected target's start (with its first
     * {@link Broadcast#WITH_START_PACKETS} packets in the same flush), one task per event loop with its list
     * of targets (not one task per station, each with a burst of 5 s of audio); then, once every start is
     * out, the pacer sends the rest, {@link Broadcast#CATCH_UP_PACKETS} per station and tick, so no start
     * waits behind other stations' packets. A live broadcast opens with its first audio.
     */
    private void open(Broadcast b, long startAt) {
        b.template = b.template.toBuilder().setStartAtMs(startAt).build();
        if (b.template.getLive()) {
            blocking.execute(() -> repository.updateStartAt(b.id, Instant.ofEpochMilli(startAt)));
        }
        for (Broadcast.Target t : b.targets.values()) {
            t.startAtMs = startAt;
        }
        b.opened = true;
        Map<EventLoop, List<Attach>> byLoop = new HashMap<>();
        for (Broadcast.Target t : b.targets.values()) {
            Optional<StationSession> s = registry.session(t.stationId);
            if (s.isPresent() && takesAnnouncements(b, t, s.get())) {
                Channel ch = s.get().channel();
                byLoop.computeIfAbsent(ch.eventLoop(), k -> new ArrayList<>()).add(new Attach(t, ch));
            }
        }
        b.startTasks.set(byLoop.size());
        for (var e : byLoop.entrySet()) {
            List<Attach> starts = e.getValue();
            e.getKey().execute(() -> sendStarts(b, starts));
        }
    }

    /** One target and the channel its start goes to. */
    private record Attach(Broadcast.Target target, Channel channel) {
    }

    /**
     * On one event loop: the starts of its targets, each with its first half second of audio; the pacer
     * sends the rest once every loop's starts are out.
     */
    private void sendStarts(Broadcast b, List<Attach> starts) {
        long began = System.nanoTime();
        try {
            for (Attach a : starts) {
                try {
                    sendStart(b, a.target(), a.channel());
                } catch (RuntimeException e) {
                    log.error("announcement {}: the start to station {} failed: {}", b.id, a.target().stationId,
                            e.toString(), e);
                }
            }
        } finally {
            b.startTasks.decrementAndGet(); // the last one lets the pacer send the audio
        }
        long took = System.nanoTime() - began;
        log.info("announcement {}: {} starts written on {} in {} ms ({} µs each); {} ms before the start", b.id,
                starts.size(), Thread.currentThread().getName(), ms(took), took / 1000 / Math.max(1, starts.size()),
                b.template.getStartAtMs() - clock.millis());
    }

    /**
     * Runs on the channel's event loop: the start and, in the same flush, the first
     * {@link Broadcast#WITH_START_PACKETS} packets due; the rest follow from the pacer.
     */
    private void sendStart(Broadcast b, Broadcast.Target t, Channel ch) {
        t.channel = ch;
        t.sent = 0;
        t.endSent = false;
        ch.write(Envelope.newBuilder().setBroadcastStart(b.startFor(t)).build(), ch.voidPromise());
        if (!b.pump(t, clock.millis(), Broadcast.WITH_START_PACKETS)) {
            ch.flush();
        }
    }

    /** False (and the target failed) when its agent did not offer announcements. */
    private boolean takesAnnouncements(Broadcast b, Broadcast.Target t, StationSession session) {
        if (session.supports(ProtocolVersion.CAP_BROADCAST_V1)) {
            return true;
        }
        t.state = StationState.FAILED;
        t.reason = "AGENT_WITHOUT_ANNOUNCEMENTS";
        t.endedAtMs = clock.millis();
        log.warn("station {}: its agent does not take announcements (no {} capability); announcement {} skips it",
                t.stationId, ProtocolVersion.CAP_BROADCAST_V1, b.id);
        writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.FAILED, null,
                Instant.ofEpochMilli(t.endedAtMs), t.reason, 0));
        return false;
    }

    /** One late joiner: its start with its first packets (the pacer sends the rest). */
    private void attach(Broadcast b, Broadcast.Target t, StationSession session) {
        if (!takesAnnouncements(b, t, session)) {
            return;
        }
        Channel ch = session.channel();
        ch.eventLoop().execute(() -> sendStart(b, t, ch));
    }

    /** A live announcement's encoder feeds packets here. */
    public Optional<LiveFeed> liveFeed(long id) {
        Broadcast b = active.get(id);
        // one feed per live announcement: a second sender would interleave with the first
        if (b == null || !b.template.getLive() || b.ended() || !b.claimFeed()) {
            return Optional.empty();
        }
        return Optional.of(new LiveFeed() {
            @Override
            public void packet(byte[] opus) {
                b.addPacket(opus);
                if (!b.opened) {
                    // the lead is the stations' jitter buffer: they start this much after the first audio
                    long lead = leadFor(b.targets.keySet());
                    open(b, clock.millis() + lead);
                    log.info("announcement {}: live audio arriving; stations start at +{} ms", id, lead);
                } else if (b.batchTicks == 1) {
                    // out at once, not at the next tick: up to 20 ms less latency for every live packet (when the
                    // stations are written every tick; batched ones write on their own turn anyway, and at that
                    // size an extra pass over every target costs more than it saves: measured, 10,000 stations)
                    try {
                        pacer.execute(AnnouncementService.this::tickQuietly);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        log.debug("announcement {}: live packet after the pacer stopped (controller stopping)", id);
                    }
                }
            }

            @Override
            public void end() {
                b.end();
            }
        });
    }

    /** Where a live source's packets go. */
    public interface LiveFeed {
        void packet(byte[] opus);

        void end();
    }

    /** A station reconnected: if an announcement for it still runs, it joins now. */
    public void stationConnected(StationSession session) {
        for (Broadcast b : active.values()) {
            Broadcast.Target t = b.targets.get(session.stationId());
            if (t == null) {
                continue;
            }
            // its link was lost while it played (or is being found lost now): it may still be playing what it holds
            Channel old = t.channel;
            boolean linkLost = linkLost(t)
                    || (old != null && old != session.channel() && !old.isActive() && !t.state.terminal());
            if (b.stopped() || !b.opened || !(t.state == StationState.OFFLINE || t.state == StationState.PENDING
                    || t.state == StationState.RECEIVING || linkLost)) {
                continue;
            }
            long now = clock.millis();
            if (!b.template.getLive() && now > b.template.getStartAtMs() + playMs(b) + GIVE_UP_AFTER_END_MS) {
                continue;
            }
            t.reason = JOINED_LATE;
            t.endedAtMs = 0;
            if (linkLost && t.startedAtMs != 0) {
                // it was playing when its link was lost, and plays on from what it holds: no new start (one it no
                // longer held would play it again), only every packet from seq 0 at once — it drops those it has
                t.state = StationState.PLAYING;
                t.channel = null; // the pacer leaves it alone until its new channel is set, on that channel's loop
                log.info("station {} is back in announcement {} after its link was lost", t.stationId, b.id);
                writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.PLAYING, null,
                        null, JOINED_LATE, t.underruns));
                Channel ch = session.channel();
                ch.eventLoop().execute(() -> {
                    t.channel = ch;
                    t.sent = 0;
                    t.endSent = false;
                    // one station, in its own task: what it may lack around its playing position goes at once
                    b.pump(t, clock.millis(), Integer.MAX_VALUE);
                });
                continue;
            }
            // its own warm-up and settle, as the common lead has for the stations connected at the open
            t.startAtMs = Math.max(b.template.getStartAtMs(), now + joinLead(leadMs, session.startLeadMs()));
            t.state = StationState.PENDING;
            log.info("station {} joins announcement {} late, starting at {}", t.stationId, b.id,
                    Instant.ofEpochMilli(t.startAtMs));
            writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.PENDING, null, null,
                    JOINED_LATE, 0));
            attach(b, t, session);
        }
    }

    private static long playMs(Broadcast b) {
        BroadcastStart s = b.template;
        if (s.getLive()) {
            return b.packetCount() * b.frameMs + 5_000;
        }
        return s.getTotalSamples() * 1000L / Math.max(1, s.getSampleRate()) * Math.max(1, s.getRepeat()) + 5_000;
    }

    /** A station said what it is doing. */
    public void onStatus(long stationId, BroadcastStatus status) {
        Broadcast b = active.get(status.getBroadcastId());
        Broadcast.Target t = b == null ? null : b.targets.get(stationId);
        StationState state = switch (status.getState()) {
            case RECEIVING -> StationState.RECEIVING;
            case PLAYING -> StationState.PLAYING;
            case DONE -> StationState.DONE;
            case FAILED -> StationState.FAILED;
            default -> null;
        };
        if (state == null) {
            return;
        }
        Instant at = status.getAtMs() == 0 ? clock.instant() : Instant.ofEpochMilli(status.getAtMs());
        if (t != null) {
            if (t.state.terminal() && t.state != StationState.OFFLINE) {
                return;
            }
            t.state = state;
            t.underruns = status.getUnderruns();
            if (state == StationState.PLAYING && t.startedAtMs == 0 && !b.template.getLive()) {
                startListener.accept(b.template.getPriority().name(), (at.toEpochMilli() - b.createdAtMs) / 1000.0);
            }
            if (state == StationState.PLAYING) {
                t.startedAtMs = at.toEpochMilli();
            } else if (state.terminal()) {
                t.endedAtMs = at.toEpochMilli();
                t.reason = status.getReason();
            }
        }
        writer.add(new AnnouncementRepository.StationChange(status.getBroadcastId(), stationId, state,
                state == StationState.PLAYING ? at : null, state.terminal() ? at : null, status.getReason(),
                status.getUnderruns()));
    }

    /** Stops an announcement everywhere; false when there is no such running announcement. */
    public boolean stop(long id, String reason) {
        Broadcast b = active.remove(id);
        if (b == null) {
            return false;
        }
        b.stop();
        b.end();
        Envelope stop = Envelope.newBuilder().setBroadcastStop(BroadcastStop.newBuilder().setBroadcastId(id)
                .setReason(reason)).build();
        for (Broadcast.Target t : b.targets.values()) {
            Channel ch = t.channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(stop, ch.voidPromise());
            }
        }
        Instant now = clock.instant();
        for (Broadcast.Target t : b.targets.values()) {
            if (t.state == StationState.PENDING || t.state == StationState.RECEIVING || t.state == StationState.OFFLINE) {
                // never started there: it will not report, so the record says so now
                t.state = StationState.FAILED;
                writer.add(new AnnouncementRepository.StationChange(id, t.stationId, StationState.FAILED, null, now,
                        "CANCELLED_BEFORE_START", t.underruns));
            }
        }
        writer.add(new AnnouncementRepository.AnnouncementChange(id, "STOPPED", now));
        // after every state queued before it, and before the answer: the API then reads the stored record
        writer.flush();
        log.info("announcement {} stopped: {}", id, reason);
        return true;
    }

    public Optional<AnnouncementView> view(long id) {
        Optional<AnnouncementView> stored = repository.find(id);
        Broadcast b = active.get(id);
        if (b == null) {
            b = finishing.get(id);
        }
        if (stored.isEmpty() || b == null) {
            return stored;
        }
        // the live view: states from memory, fresher than the database
        List<AnnouncementView.Station> list = new ArrayList<>();
        for (AnnouncementView.Station s : stored.get().stations()) {
            Broadcast.Target t = b.targets.get(s.stationId());
            if (t == null) {
                list.add(s);
                continue;
            }
            list.add(new AnnouncementView.Station(s.stationId(), s.zoneIds(), t.state,
                    t.startedAtMs == 0 ? null : Instant.ofEpochMilli(t.startedAtMs),
                    t.endedAtMs == 0 ? null : Instant.ofEpochMilli(t.endedAtMs),
                    t.reason == null || t.reason.isEmpty() ? s.reason() : t.reason, t.underruns));
        }
        AnnouncementView v = stored.get();
        String state = b.finalState != null ? b.finalState : v.state();
        return Optional.of(new AnnouncementView(v.id(), v.title(), v.priority(), v.sourceType(), state, v.startAt(),
                v.createdAt(), list));
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("announcement pacing failed: {}", e.toString(), e);
        }
    }

    private void tick() {
        long now = clock.millis();
        // one task per event loop and tick, not one per station: 10,000 stations are 2 tasks, not 10,000
        Map<EventLoop, List<Pump>> byLoop = new HashMap<>();
        for (Broadcast b : active.values()) {
            try {
                // every start first: a station's audio would otherwise delay the starts of the stations after it
                boolean startsSent = b.startTasks.get() == 0;
                for (Broadcast.Target t : b.targets.values()) {
                    Channel ch = t.channel;
                    if (ch != null && ch.isActive() && !t.endSent) {
                        if (!startsSent) {
                            continue;
                        }
                        byLoop.computeIfAbsent(ch.eventLoop(), k -> new ArrayList<>()).add(new Pump(b, t));
                    } else if (ch != null && !ch.isActive() && !t.state.terminal()) {
                        t.state = StationState.FAILED;
                        t.reason = LINK_LOST;
                        t.endedAtMs = now;
                        t.channel = null;
                        writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.FAILED,
                                null, Instant.ofEpochMilli(now), LINK_LOST, t.underruns));
                    }
                }
                finishIfDone(b, now);
            } catch (RuntimeException e) {
                log.error("announcement {}: pacing failed: {}", b.id, e.toString(), e);
            }
        }
        for (var e : byLoop.entrySet()) {
            List<Pump> pumps = e.getValue();
            java.util.concurrent.atomic.AtomicBoolean queued = pumpQueued.computeIfAbsent(e.getKey(),
                    k -> new java.util.concurrent.atomic.AtomicBoolean());
            if (!queued.compareAndSet(false, true)) {
                // the loop has not yet run the last tick's task (it is busy): that task sends what is due when it
                // runs; another one would only queue up behind it, and tasks would pile up without bound
                continue;
            }
            e.getKey().execute(() -> {
                queued.set(false);
                long at = clock.millis();
                for (Pump p : pumps) {
                    try {
                        p.broadcast().pump(p.target(), at, Broadcast.CATCH_UP_PACKETS);
                    } catch (RuntimeException ex) {
                        log.error("announcement {}: pacing station {} failed: {}", p.broadcast().id, p.target().stationId,
                                ex.toString(), ex);
                    }
                }
            });
        }
    }

    /** Per event loop: a pacing task posted and not started yet (only the pacer thread adds entries). */
    private final Map<EventLoop, java.util.concurrent.atomic.AtomicBoolean> pumpQueued = new ConcurrentHashMap<>();

    /** One station of one broadcast to pump on its event loop. */
    private record Pump(Broadcast broadcast, Broadcast.Target target) {
    }

    private void finishIfDone(Broadcast b, long now) {
        if (!b.opened) {
            if (now - b.createdAtMs > LIVE_WAIT_MS && active.remove(b.id, b)) {
                log.warn("announcement {}: no live audio within {} s; given up", b.id, LIVE_WAIT_MS / 1000);
                b.stop();
                for (Broadcast.Target t : b.targets.values()) {
                    writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.FAILED, null,
                            Instant.ofEpochMilli(now), "NO_LIVE_AUDIO", 0));
                }
                writer.add(new AnnouncementRepository.AnnouncementChange(b.id, "FAILED", null));
            }
            return;
        }
        boolean windowOver = b.ended() && now > b.template.getStartAtMs() + playMs(b) + GIVE_UP_AFTER_END_MS;
        // an offline station may still come back and join, until the announcement's window is over
        // so may one whose link was lost
        boolean allTerminal = b.targets.values().stream()
                .allMatch(t -> t.state == StationState.DONE || (t.state == StationState.FAILED && !linkLost(t))
                        || ((t.state == StationState.OFFLINE || linkLost(t)) && windowOver));
        boolean overdue = b.ended() && now > b.template.getStartAtMs() + playMs(b) + GIVE_UP_AFTER_END_MS
                && b.targets.values().stream().allMatch(t -> t.startAtMs <= b.template.getStartAtMs());
        if (!allTerminal && !overdue) {
            return;
        }
        if (active.remove(b.id, b)) {
            // shown from memory until the writer has stored the final states (then the announcement's own)
            finishing.put(b.id, b);
            for (Broadcast.Target t : b.targets.values()) {
                if (!t.state.terminal()) {
                    t.state = StationState.FAILED;
                    t.endedAtMs = now;
                    t.reason = "NO_REPORT";
                    writer.add(new AnnouncementRepository.StationChange(b.id, t.stationId, StationState.FAILED, null,
                            Instant.ofEpochMilli(now), "NO_REPORT", t.underruns));
                }
            }
            boolean anyPlayed = b.targets.values().stream().anyMatch(t -> t.state == StationState.DONE);
            b.finalState = anyPlayed ? "DONE" : "FAILED"; // shown at once, stored by the writer
            writer.add(new AnnouncementRepository.AnnouncementChange(b.id, b.finalState, null));
            log.info("announcement {} finished: {}", b.id, anyPlayed ? "DONE" : "FAILED");
        }
    }

    private static boolean linkLost(Broadcast.Target t) {
        return t.state == StationState.FAILED && LINK_LOST.equals(t.reason);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        try {
            if (!pacer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the broadcast pacer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close(); // the states reported so far are stored before the database closes
    }
}
