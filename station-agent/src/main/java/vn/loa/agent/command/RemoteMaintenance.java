package vn.loa.agent.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.health.HealthWatcher;
import vn.loa.agent.health.PlayStats;
import vn.loa.agent.health.SystemProbe;
import vn.loa.agent.player.Player;
import vn.loa.agent.player.StationTimings;
import vn.loa.agent.player.StationVolume;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlayReport;

/**
 * What a technician sees and does remotely, wired in one place for the agent: the health watcher
 * (heartbeat content, immediate heartbeats on change), play statistics, the recent log, the remote
 * commands and the stored station volume.
 */
public final class RemoteMaintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteMaintenance.class);

    private final long stationId;
    private final StationVolume volume;
    private final VolumeStore volumeStore;
    private final PlayStats stats = new PlayStats();
    private final Optional<RecentLog> recentLog;
    private final HealthWatcher watcher;
    private final CommandExecutor commands;
    private final Consumer<Envelope> send;

    /**
     * @param send sends to the controller when the link is up (drops otherwise)
     */
    public RemoteMaintenance(long stationId, Path dataDir, StationTimings timings, StationHardware hardware,
            StationVolume volume, Player player, PlanStore plans, PlayJournal journal, StationClock clock,
            Consumer<Envelope> send) {
        this.stationId = stationId;
        this.volume = volume;
        this.volumeStore = new VolumeStore(dataDir);
        this.send = send;
        this.recentLog = RecentLog.attach(stationId);
        Clock c = clock;
        this.commands = new CommandExecutor(stationId, timings, hardware, volume, stats, volumeStore, recentLog,
                new PlanAirTime(player, plans, journal, timings, c), c,
                r -> send.accept(Envelope.newBuilder().setCommandResult(r).build()), this::pollNow);
        this.watcher = new HealthWatcher(stationId, hardware, volume::percent, stats, SystemProbe.linux(),
                dataDir, player::playingItemId, clock::isSynchronised,
                () -> commands.sounding() || !player.playingItemId().isEmpty());
    }

    /** Restores the stored volume and starts watching; {@code heartbeat} builds a full heartbeat. */
    public void start(Supplier<Heartbeat.Builder> heartbeat) {
        try {
            volume.set(volumeStore.load());
        } catch (IOException | IllegalArgumentException e) {
            log.error("station {}: cannot read the stored volume ({}); using {} %", stationId, e.getMessage(),
                    volume.percent());
        }
        watcher.start(() -> send.accept(Envelope.newBuilder()
                .setHeartbeat(heartbeat.get().setImmediate(true)).build()));
    }

    public Heartbeat.Builder complete(Heartbeat.Builder b) {
        return watcher.complete(b);
    }

    /** Every play report the player produces. */
    public void playReported(PlayReport report) {
        stats.record(report);
        pollNow();
    }

    public void command(Command command) {
        commands.accept(command);
    }

    public void onRestart(Runnable restart) {
        commands.onRestart(restart);
    }

    private void pollNow() {
        watcher.pollNow();
    }

    @Override
    public void close() {
        commands.close();
        watcher.close();
        recentLog.ifPresent(RecentLog::detach);
    }
}
