package vn.loa.agent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.clock.LocalTimeSources;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.command.RemoteMaintenance;
import vn.loa.agent.health.HealthHistory;
import vn.loa.agent.health.HealthHistoryBuffer;
import vn.loa.agent.link.ControllerLink;
import vn.loa.agent.link.LinkListener;
import vn.loa.agent.link.MediaFetcher;
import vn.loa.agent.broadcast.Broadcasts;
import vn.loa.agent.player.AudioSource;
import vn.loa.agent.player.Chime;
import vn.loa.agent.player.StationVolume;
import vn.loa.agent.player.Player;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.Outbox;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlanAck;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlayReportAck;
import vn.loa.protocol.v1.Welcome;

/**
 * One station: owns the clock, the local store, the player, the hardware and the link, starts them
 * in order and stops them in reverse (hardware made safe last). Disk work happens on one ordered
 * I/O executor, never on the link's event loop.
 *
 * <p>Why it is over 400 lines: it is the link's {@link LinkListener} (one short method per message kind,
 * each handing over to the part that owns it) and the one place that knows the start and stop order;
 * the decisions live in the parts ({@code arbiter}, {@code player}, {@code clock}, {@code store}).
 */
public final class StationAgent implements LinkListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationAgent.class);

    private final AgentConfig config;
    private final StationHardware hardware;
    private final StationClock clock;
    private volatile boolean localModeCommanded;
    private final vn.loa.agent.clock.GpsdAddress gpsd;
    private vn.loa.agent.clock.GpsdTime gps;
    private final PlanStore plans;
    private final MediaCache cache;
    private final Outbox outbox;
    private final PlayJournal journal;
    private final HealthHistoryBuffer healthBuffer;
    private final Player player;
    private final ControllerLink link;
    private final MediaFetcher fetcher;
    private final RemoteMaintenance maintenance;
    private final HealthHistory healthHistory;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ExecutorService io;
    private final vn.loa.agent.update.UpdateAgent updates;
    private final vn.loa.agent.config.ConfigAgent configs;
    /** Pushed settings on trial: rolled back unless connected within their time (null: no trial). */
    private volatile vn.loa.agent.config.SettingsTrialWatch settingsTrial;
    private final vn.loa.agent.cellular.ModemProbe modem;
    private final vn.loa.agent.cellular.DataUsageStore dataUsage;
    private final long startedAtMs = System.currentTimeMillis();
    private final Broadcasts broadcasts = new Broadcasts();
    private final StationVolume volume = new StationVolume();
    private volatile int outboxPending;
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    /** Builds the station's devices once the station clock exists (simulated devices stamp events with it). */
    @FunctionalInterface
    public interface HardwareFactory {
        StationHardware create(Clock stationClock);
    }

    public StationAgent(AgentConfig config, HardwareFactory hardware, AudioSource.Opener opener,
            EventLoopGroup sharedGroup) {
        this(config, hardware, opener, sharedGroup, StationClock::linuxBootId);
    }

    /**
     * @param sharedGroup an event loop group to share with other agents in this process, or null to own one
     * @param bootId      identifies this boot of the machine (a restored clock offset is valid within it)
     */
    public StationAgent(AgentConfig config, HardwareFactory hardware, AudioSource.Opener opener,
            EventLoopGroup sharedGroup, Supplier<String> bootId) {
        this(config, hardware, opener, sharedGroup, new ClockSetup(Clock.systemUTC(), bootId, LocalTimeSources.linux()));
    }

    /**
     * The machine's clocks as the agent sees them: the system clock, this boot's id, and where the machine's own
     * time sources are read (tests point them elsewhere; docs/resilience.md#time-without-the-controller).
     */
    public record ClockSetup(Clock system, Supplier<String> bootId, LocalTimeSources sources) {
    }

    public StationAgent(AgentConfig config, HardwareFactory hardware, AudioSource.Opener opener,
            EventLoopGroup sharedGroup, ClockSetup clocks) {
        this.config = config;
        this.gpsd = clocks.sources().gpsd();
        try {
            Files.createDirectories(config.dataDir());
            this.clock = new StationClock(clocks.system(), config.dataDir(), clocks.bootId(), clocks.sources());
            this.plans = new PlanStore(config.dataDir());
            this.cache = new MediaCache(config.dataDir());
            this.outbox = new Outbox(config.dataDir());
            this.journal = new PlayJournal(config.dataDir());
            this.healthBuffer = new HealthHistoryBuffer(config.stationId(), config.dataDir(),
                    HealthHistoryBuffer.DEFAULT_CAPACITY);
        } catch (IOException e) {
            throw new UncheckedIOException("station " + config.stationId() + ": cannot open the data directory "
                    + config.dataDir(), e);
        }
        this.hardware = hardware.create(clock);
        this.ownsGroup = sharedGroup == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : sharedGroup;
        this.io = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("agent-io-" + config.stationId()).factory());
        this.player = new Player(config.stationId(), config.timings(), clock, new Player.Store(plans, cache, journal),
                this.hardware, opener, this::storeReport,
                new Player.Announcements(broadcasts, new Chime(config.chimeFile(), opener), this::sendBroadcastStatus),
                volume);
        this.link = new ControllerLink(config.link(), clock, group, this, this::health, () -> plans.current().getVersion());
        this.fetcher = new MediaFetcher(config.stationId(), cache, link, player::wake, io, plans::current);
        // over-the-air updates (docs/updates.md): installed only while nothing plays
        this.updates = new vn.loa.agent.update.UpdateAgent(config.stationId(), config.dataDir(),
                vn.loa.agent.link.AgentVersion.running(ControllerLink.AGENT_VERSION), link, io,
                () -> player.playingItemId() == null || player.playingItemId().isEmpty(), clocks.system());
        // remote configuration (docs/configuration.md): a pushed hardware file is applied only while nothing plays
        this.configs = new vn.loa.agent.config.ConfigAgent(config.stationId(), config.dataDir(), link::send,
                () -> player.playingItemId() == null || player.playingItemId().isEmpty());
        // cellular link health from ModemManager where it is present (docs/updates.md#cellular-link-health)
        this.modem = new vn.loa.agent.cellular.ModemProbe(config.cellular().mmcli(), java.util.Map.of(), clocks.system(),
                java.time.Duration.ofMinutes(1), config.cellular().sysNet());
        this.dataUsage = new vn.loa.agent.cellular.DataUsageStore(config.stationId(), config.dataDir(), clocks.system(),
                clocks.bootId(), config.cellular().monthlyQuotaBytes());
        this.maintenance = new RemoteMaintenance(config.stationId(), config.dataDir(), config.timings(), this.hardware,
                volume, player, plans, journal, clock, link::send);
        // a release on trial is good only after its start-up self-test: the silent test of every zone
        updates.startupSelfTest(maintenance::startupSelfTest);
        // health kept while the link is down, uploaded after reconnecting (docs/resilience.md)
        this.healthHistory = new HealthHistory(config.stationId(), healthBuffer, io, HealthHistory.DEFAULT_INTERVAL,
                this::health, clock::millis, link::isUp, link::request);
    }

    /**
     * Hands the station to the local mixer (true) or takes it back (false), as the console's command does; a
     * local-mode switch wired to the hardware file's {@code sensor.localMode} input does the same while it is set.
     */
    public void setLocalMode(boolean local) {
        localModeCommanded = local;
        player.wake();
    }

    /** Whether the station is handed to the local mixer now (commanded, or the switch is set). */
    public boolean localMode() {
        if (localModeCommanded) {
            return true;
        }
        try {
            return hardware.sensors().read().localMode();
        } catch (vn.loa.hardware.HardwareException | RuntimeException e) {
            return false; // unreadable inputs are reported by health; the station keeps playing
        }
    }

    public void start() {
        player.localModeFrom(this::localMode, maintenance::reportNow);
        maintenance.onLocalMode(new vn.loa.agent.command.RemoteMaintenance.LocalModeControl() {
            @Override
            public void command(boolean on) {
                setLocalMode(on);
            }

            @Override
            public boolean inEffect() {
                return localMode();
            }
        });
        hardware.makeSafe();
        clock.restore();
        if (gpsd != null) {
            // GPS time while nothing better is known (after a reboot: no controller, no NTP, no RTC)
            gps = new vn.loa.agent.clock.GpsdTime(gpsd, clock::localMicros, clock::gpsReading);
            gps.start();
        }
        plans.load();
        outboxPending = outbox.size();
        reconcileJournal();
        player.start();
        maintenance.start(this::health);
        healthHistory.start();
        link.start();
        configs.onTrial().ifPresent(t -> settingsTrial = vn.loa.agent.config.SettingsTrialWatch.start(config.stationId(),
                java.time.Duration.ofSeconds(t.seconds()), io, configs));
        log.info("station {}: agent started (data {})", config.stationId(), config.dataDir());
    }

    /**
     * A kill between storing a report in the outbox and journalling it leaves an item started but not
     * journalled as reported; its stored report is its report: journalled now, so the player does not
     * report the item again as interrupted ({@code AGENT_RESTARTED}).
     */
    private void reconcileJournal() {
        java.util.Set<String> interrupted = journal.interrupted();
        if (interrupted.isEmpty()) {
            return;
        }
        try {
            for (PlayReport r : outbox.pending()) {
                if (r.getBroadcastId() == 0 && interrupted.contains(r.getItemId())) {
                    journal.markReported(r.getItemId());
                    log.info("station {} item {}: its report was stored before the agent stopped; not reported again",
                            config.stationId(), r.getItemId());
                }
            }
        } catch (IOException e) {
            log.error("station {}: cannot reconcile the journal with the outbox: {}", config.stationId(), e.getMessage());
        }
    }

    public long stationId() {
        return config.stationId();
    }

    public StationClock clock() {
        return clock;
    }

    public PlanSync plan() {
        return plans.current();
    }

    public boolean isConnected() {
        return link.isUp();
    }

    public int outboxPending() {
        return outboxPending;
    }

    private static vn.loa.protocol.v1.TimeSource timeSource(vn.loa.agent.clock.ClockSource s) {
        return switch (s) {
            case NONE -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_NONE;
            case CONTROLLER -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_CONTROLLER;
            case RESTORED -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_RESTORED;
            case NTP -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_NTP;
            case RTC -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_RTC;
            case GPS -> vn.loa.protocol.v1.TimeSource.TIME_SOURCE_GPS;
        };
    }

    private Heartbeat.Builder health() {
        io.execute(updates::maybeInstall);
        io.execute(configs::maybeApply);
        io.execute(() -> {
            modem.refresh();
            dataUsage.record(modem.latest());
        });
        Heartbeat.Builder b = maintenance.complete(Heartbeat.newBuilder().setUptimeMs(System.currentTimeMillis() - startedAtMs)
                .setClockSynchronised(clock.isSynchronised()).setClockOffsetUs(clock.offsetUs())
                .setClockSource(timeSource(clock.source())).setLocalMode(player.inLocalMode())
                .setLinkRttUs(Math.max(0, clock.rttUs())).setPlanVersion(plans.current().getVersion())
                .setPlayingItemId(player.playingItemId()).setDiskFreeBytes(config.dataDir().toFile().getUsableSpace())
                .setOutboxPending(Math.max(0, outboxPending)).setAgentVersion(updates.running()));
        modem.latest().map(dataUsage::annotate).ifPresent(b::setCellular);
        return b;
    }

    /** Called by the player: durable first, then sent when the link is up. */
    private boolean storeReport(PlayReport report) {
        maintenance.playReported(report);
        try {
            outbox.add(report);
        } catch (IOException e) {
            log.error("station {} item {}: cannot store the play report ({}); it will be reported as interrupted",
                    config.stationId(), report.getItemId(), e.getMessage());
            return false;
        }
        io.execute(() -> {
            outboxPending = outbox.size();
            link.send(Envelope.newBuilder().setPlayReport(report).build());
        });
        return true;
    }

    private void sendPendingReports() {
        try {
            List<PlayReport> pending = outbox.pending();
            outboxPending = pending.size();
            for (PlayReport r : pending) {
                if (!link.send(Envelope.newBuilder().setPlayReport(r).build())) {
                    return;
                }
            }
            if (!pending.isEmpty()) {
                log.info("station {}: sent {} stored play reports", config.stationId(), pending.size());
            }
        } catch (IOException e) {
            log.error("station {}: cannot read the outbox: {}", config.stationId(), e.getMessage());
        }
    }

    @Override
    public void connected(Welcome welcome) {
        io.execute(() -> {
            sendPendingReports();
            fetcher.fetchMissing(plans.current());
        });
        // an older controller would close the link over a message kind it does not know
        if (welcome.getCapabilitiesList().contains(vn.loa.protocol.ProtocolVersion.CAP_HEALTH_HISTORY_V1)) {
            healthHistory.linkUp();
        }
        if (welcome.getCapabilitiesList().contains(vn.loa.protocol.ProtocolVersion.CAP_OTA_V1)) {
            io.execute(updates::connected);
        }
        // pushed settings on trial reached a controller: they are kept (whatever the controller offers)
        io.execute(configs::linkUp);
        if (welcome.getCapabilitiesList().contains(vn.loa.protocol.ProtocolVersion.CAP_CONFIG_V1)) {
            io.execute(configs::connected);
        }
    }

    @Override
    public void disconnected() {
        io.execute(fetcher::onDisconnect);
        io.execute(updates::disconnected);
        healthHistory.linkDown();
    }

    @Override
    public void healthHistoryAcknowledged(vn.loa.protocol.v1.HealthHistoryAck ack, long refersTo) {
        healthHistory.acknowledged(ack, refersTo);
    }

    /** Health samples recorded while offline and not yet stored by the controller. */
    public int healthHistoryPending() {
        return healthHistory.pending();
    }

    @Override
    public void planReceived(PlanSync plan, long requestId) {
        io.execute(() -> {
            try {
                plans.save(plan);
                journal.retainOnly(plan.getItemsList().stream().map(i -> i.getItemId()).toList());
                log.info("station {}: new plan {} with {} items", config.stationId(), plan.getVersion(),
                        plan.getItemsCount());
                link.send(Envelope.newBuilder().setRefersTo(requestId)
                        .setPlanAck(PlanAck.newBuilder().setVersion(plan.getVersion())).build());
                player.wake();
                fetcher.fetchMissing(plan);
            } catch (IOException e) {
                log.error("station {}: cannot store plan {}: {}; keeping the previous one", config.stationId(),
                        plan.getVersion(), e.getMessage());
            }
        });
    }

    @Override
    public void fileChunk(FileChunk chunk) {
        io.execute(() -> {
            if (!updates.chunk(chunk)) {
                fetcher.onChunk(chunk, plans.current());
            }
        });
    }

    @Override
    public void fileError(FileError error) {
        io.execute(() -> {
            if (!updates.error(error)) {
                fetcher.onError(error, plans.current());
            }
        });
    }

    @Override
    public void reportsAcknowledged(PlayReportAck ack) {
        io.execute(() -> {
            for (String id : ack.getReportIdsList()) {
                try {
                    outbox.acknowledge(id);
                } catch (IOException e) {
                    log.warn("station {}: cannot remove acknowledged report {}: {}", config.stationId(), id,
                            e.getMessage());
                }
            }
            outboxPending = outbox.size();
        });
    }

    @Override
    public void clockSample(long t0, long t1, long t2, long t3) {
        boolean wasSynchronised = clock.isSynchronised();
        io.execute(() -> {
            clock.addSample(t0, t1, t2, t3);
            if (!wasSynchronised && clock.isSynchronised()) {
                player.wake();
            }
        });
    }

    @Override
    public void broadcast(Envelope msg) {
        switch (msg.getKindCase()) {
            case BROADCAST_START -> {
                var start = msg.getBroadcastStart();
                broadcasts.open(start);
                log.info("station {}: announcement {} '{}' ({}) to start at {}", config.stationId(),
                        start.getBroadcastId(), start.getTitle(), start.getPriority(),
                        java.time.Instant.ofEpochMilli(start.getStartAtMs()));
                link.send(Envelope.newBuilder().setBroadcastStatus(BroadcastStatus.newBuilder()
                        .setBroadcastId(start.getBroadcastId()).setState(BroadcastStatus.State.RECEIVING)
                        .setAtMs(clock.millis())).build());
                player.wake();
            }
            case BROADCAST_AUDIO -> broadcasts.get(msg.getBroadcastAudio().getBroadcastId()).ifPresent(b -> b.addPacket(
                    msg.getBroadcastAudio().getSeq(), msg.getBroadcastAudio().getPacket().toByteArray()));
            case BROADCAST_END -> broadcasts.get(msg.getBroadcastEnd().getBroadcastId())
                    .ifPresent(b -> b.end(msg.getBroadcastEnd().getTotalPackets()));
            case BROADCAST_STOP -> broadcasts.get(msg.getBroadcastStop().getBroadcastId()).ifPresent(b -> {
                b.stop(msg.getBroadcastStop().getReason());
                player.wake();
            });
            default -> log.warn("station {}: not a broadcast message: {}", config.stationId(), msg.getKindCase());
        }
    }

    private void sendBroadcastStatus(BroadcastStatus status) {
        link.send(Envelope.newBuilder().setBroadcastStatus(status).build());
    }

    @Override
    public void command(Command command) {
        maintenance.command(command);
    }

    /** How this agent restarts itself on a remote command (the CLI exits for systemd); unset = it cannot. */
    public void onRestart(Runnable restart) {
        maintenance.onRestart(restart);
        updates.onRestart(restart);
        configs.onRestart(restart);
    }

    @Override
    public void configPush(vn.loa.protocol.v1.ConfigPush push) {
        io.execute(() -> configs.push(push));
    }

    @Override
    public void releaseKey(vn.loa.protocol.v1.ReleaseKey key) {
        io.execute(() -> updates.releaseKey(key));
    }

    @Override
    public void updateOffer(vn.loa.protocol.v1.UpdateOffer offer) {
        io.execute(() -> updates.offer(offer));
    }

    public StationVolume volume() {
        return volume;
    }

    @Override
    public void close() {
        // a lock, not synchronized: closing does I/O and may be called from a virtual thread
        closing.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (settingsTrial != null) {
                settingsTrial.close();
            }
            stop();
        } finally {
            closing.unlock();
        }
    }

    /** Stops everything in the reverse order of {@link #start()}, the hardware made safe last. */
    private void stop() {
        if (gps != null) {
            gps.close();
        }
        link.close();
        maintenance.close();
        player.close();
        healthHistory.close();
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("station {}: closing the journal: {}", config.stationId(), e.getMessage());
        }
        hardware.close();
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        log.info("station {}: agent stopped", config.stationId());
    }

}
