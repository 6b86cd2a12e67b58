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
import vn.loa.protocol.v1.CommandResult;
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
    private final java.util.function.LongSupplier clockMillis;
    private volatile LocalModeControl localMode;
    private volatile Supplier<Heartbeat.Builder> heartbeat;

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
        this.clockMillis = clock::millis;
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
        this.heartbeat = heartbeat;
        try {
            volume.set(volumeStore.load());
        } catch (IOException | IllegalArgumentException e) {
            log.error("station {}: cannot read the stored volume ({}); using {} %", stationId, e.getMessage(),
                    volume.percent());
        }
        watcher.start(() -> send.accept(Envelope.newBuilder()
                .setHeartbeat(heartbeat.get().setImmediate(true)).build()));
    }

    /** Sends a heartbeat now (local mode began or ended); nothing before {@link #start}. */
    public void reportNow() {
        Supplier<Heartbeat.Builder> h = heartbeat;
        if (h != null) {
            send.accept(Envelope.newBuilder().setHeartbeat(h.get().setImmediate(true)).build());
        }
    }

    public Heartbeat.Builder complete(Heartbeat.Builder b) {
        return watcher.complete(b);
    }

    /** Every play report the player produces. */
    public void playReported(PlayReport report) {
        stats.record(report);
        pollNow();
    }

    /** The start-up self-test of a release on trial: {@link CommandExecutor#startupSelfTest}. */
    public java.util.concurrent.CompletableFuture<vn.loa.protocol.v1.CommandResult> startupSelfTest() {
        return commands.startupSelfTest();
    }

    /** Called on the link's event loop; never blocks. */
    public void command(Command command) {
        if (command.getKindCase() == Command.KindCase.SET_LOCAL_MODE) {
            setLocalMode(command);
            return;
        }
        commands.accept(command);
    }

    /** Where local mode is set (the agent); without one the command is rejected. */
    public void onLocalMode(LocalModeControl control) {
        this.localMode = control;
    }

    /** Local mode as the agent keeps it: commanded, and in effect (commanded or the switch). */
    public interface LocalModeControl {
        void command(boolean on);

        boolean inEffect();
    }

    /**
     * Local mode at once, also while another command runs (a safety hand-over must not wait behind a tone): the
     * player releases the amplifier and the zones on its next step, within milliseconds.
     */
    private void setLocalMode(Command command) {
        String id = command.getCommandId();
        boolean on = command.getSetLocalMode().getOn();
        LocalModeControl control = localMode;
        CommandResult.Builder r = CommandResult.newBuilder().setStartedAtMs(clockMillis.getAsLong());
        if (control == null) {
            r.setStatus(CommandResult.Status.REJECTED).setMessage("this agent cannot switch local mode");
        } else {
            control.command(on);
            boolean effect = control.inEffect();
            log.warn("station {}: command {}: local mode {} commanded", stationId, id, on ? "on" : "off");
            if (!on && effect) {
                r.setStatus(CommandResult.Status.FAILED).setMessage("local mode off commanded, but the local-mode "
                        + "switch at the station is set: the station stays with the local mixer until it is reset");
            } else {
                r.setStatus(CommandResult.Status.SUCCEEDED).setMessage(on
                        ? "local mode on: amplifier and zones handed to the local mixer"
                        : "local mode off: the agent has the station again");
            }
        }
        send.accept(Envelope.newBuilder().setCommandResult(r.setCommandId(id)
                .setFinishedAtMs(clockMillis.getAsLong())).build());
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
