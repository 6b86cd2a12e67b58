package vn.loa.agent.player;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.broadcast.Broadcasts;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * A Player wired to simulated hardware and real stores in one directory, with short timings. The media
 * "files" in the cache are placeholders; the opener hands out {@link SineSource}s instead.
 */
final class PlayerHarness implements AutoCloseable {
    static final Duration WARM_UP = Duration.ofMillis(300);
    static final Duration SETTLE = Duration.ofMillis(100);
    static final Duration HOLD = Duration.ofMillis(300);
    static final int AMPLITUDE = 16_384; // -6.02 dBFS peak, -9.03 dBFS RMS for a sine
    static final long DURATION_MS = 500;

    final Path data;
    final Path sim;
    final AgentConfig config;
    final StationClock clock;
    final SimHardware.Devices devices;
    final FaultyAudio audio;
    final StationHardware hardware;
    final PlanStore plans;
    final MediaCache cache;
    final PlayJournal journal;
    final List<PlayReport> reports = new CopyOnWriteArrayList<>();
    final List<SineSource> sources = new CopyOnWriteArrayList<>();
    final List<Path> opened = new CopyOnWriteArrayList<>();
    volatile Supplier<SineSource> sourceFactory = () -> new SineSource(AMPLITUDE, DURATION_MS, -1);
    /** Sources for particular items' media, by item id (others come from {@link #sourceFactory}). */
    final Map<String, Supplier<SineSource>> sourceByItem = new ConcurrentHashMap<>();
    final Broadcasts broadcasts = new Broadcasts();
    final List<BroadcastStatus> statuses = new CopyOnWriteArrayList<>();
    volatile IOException openFailure;
    /** When set, media is really opened with this (e.g. the Opus decoder) instead of a {@link SineSource}. */
    volatile AudioSource.Opener realOpener;
    Player player;

    PlayerHarness(Path root, String bootId, long... zones) throws IOException {
        this.data = root.resolve("data");
        this.sim = root.resolve("sim");
        Files.createDirectories(data);
        this.config = AgentConfig.of("localhost", 7000, 42, "secret", data).withTimings(WARM_UP, SETTLE, HOLD);
        this.clock = new StationClock(Clock.systemUTC(), data, () -> bootId);
        this.devices = SimHardware.create(sim, clock,
                Arrays.stream(zones).boxed().collect(Collectors.toUnmodifiableSet()));
        this.audio = new FaultyAudio(devices.audio());
        this.hardware = new StationHardware(devices.amplifier(), devices.zones(), audio, devices.sensors(), List.of());
        this.plans = new PlanStore(data);
        this.cache = new MediaCache(data);
        this.journal = new PlayJournal(data);
    }

    /** Three exchanges with a controller whose clock equals ours. */
    void synchronise() {
        for (int i = 0; i < 3; i++) {
            long t = clock.localMicros();
            clock.addSample(t, t, t, t);
        }
    }

    static String sha(String itemId) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PlanItem item(String id, long plannedAtMs, long... zones) {
        PlanItem.Builder b = PlanItem.newBuilder().setItemId(id).setScheduleId(11).setBulletinId(22)
                .setTitle("Bản tin " + id).setMediaSha256(sha(id)).setMediaSize(9).setDurationMs(DURATION_MS)
                .setPlannedAtMs(plannedAtMs).setPriority(Priority.NORMAL);
        for (long z : zones) {
            b.addZoneIds(z);
        }
        return b.build();
    }

    void plan(PlanItem... items) throws IOException {
        plans.save(PlanSync.newBuilder().setVersion("v" + System.nanoTime()).addAllItems(List.of(items)).build());
    }

    /** Puts a placeholder file where the cache keeps the item's media. */
    void cacheMedia(PlanItem... items) throws IOException {
        for (PlanItem item : items) {
            Files.write(cache.complete(item.getMediaSha256()), "placeholder".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private AudioSource open(Path file) throws IOException {
        opened.add(file);
        AudioSource.Opener real = realOpener;
        if (real != null) {
            return real.open(file);
        }
        IOException failure = openFailure;
        if (failure != null) {
            throw failure;
        }
        Supplier<SineSource> factory = sourceFactory;
        for (Map.Entry<String, Supplier<SineSource>> e : sourceByItem.entrySet()) {
            if (file.equals(cache.complete(sha(e.getKey())))) {
                factory = e.getValue();
            }
        }
        SineSource s = factory.get();
        sources.add(s);
        return s;
    }

    void start() {
        player = new Player(config.stationId(), config.timings(), clock, new Player.Store(plans, cache, journal), hardware,
                this::open, reports::add, new Player.Announcements(broadcasts, new Chime(null, this::open), statuses::add),
                new StationVolume());
        player.start();
    }

    List<PlayReport> awaitReports(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() >= n);
        return List.copyOf(reports);
    }

    /** Waits until the amplifier is off and no zone is on. */
    void awaitSilentAndOff() {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !devices.amplifier().isPowered() && devices.zones().activeZones().isEmpty());
    }

    List<SimRecordings.Event> events() throws IOException {
        return SimRecordings.events(sim.resolve("events.jsonl"));
    }

    List<Path> wavs() throws IOException {
        return SimRecordings.wavs(sim);
    }

    @Override
    public void close() throws IOException {
        if (player != null) {
            player.close();
        }
        hardware.close();
        devices.hardware().close();
        journal.close();
    }

    /**
     * Passes everything to the simulated sound card, but can fail after a number of writes, or hold a
     * stream's first write until the test opens a gate (a player thread slowed before its first sample).
     */
    static final class FaultyAudio implements AudioOutput {
        private final AudioOutput delegate;
        private final AtomicInteger writes = new AtomicInteger();
        volatile int failAfterWrites = -1;
        /** When set, the first write of each stream waits (at most 5 s) for it to be counted down. */
        volatile FirstWriteGate firstWriteGate;
        private boolean firstWritten;

        FaultyAudio(AudioOutput delegate) {
            this.delegate = delegate;
        }

        @Override
        public void open(PcmFormat format, String label) throws HardwareException {
            delegate.open(format, label);
            firstWritten = false;
        }

        @Override
        public boolean startAt(long epochMicros, Clock clock) throws HardwareException {
            return delegate.startAt(epochMicros, clock);
        }

        @Override
        public void write(short[] samples, int offset, int length) throws HardwareException {
            FirstWriteGate gate = firstWriteGate;
            if (gate != null && !firstWritten) {
                gate.pass();
            }
            firstWritten = true;
            int limit = failAfterWrites;
            if (limit >= 0 && writes.incrementAndGet() > limit) {
                throw new HardwareException("audio: device unplugged");
            }
            delegate.write(samples, offset, length);
        }

        @Override
        public void close() throws HardwareException {
            delegate.close();
        }
    }
}
