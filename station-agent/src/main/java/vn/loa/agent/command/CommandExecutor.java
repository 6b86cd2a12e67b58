package vn.loa.agent.command;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.health.PlayStats;
import vn.loa.agent.player.StationTimings;
import vn.loa.agent.player.StationVolume;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.Pause;
import vn.loa.hardware.switching.SwitchingSequence;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.FetchLog;
import vn.loa.protocol.v1.LogResult;
import vn.loa.protocol.v1.VolumeResult;

/**
 * Runs the controller's remote commands one at a time on its own thread and answers each with a
 * result: ACCEPTED at once for those that take time, then the final status. A command that would
 * collide with a planned play, or arrives while another runs, is REJECTED with the reason.
 */
public final class CommandExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
    private static final int DEFAULT_LOG_LINES = 200;
    private static final int MAX_LOG_CHARS = 256 * 1024;

    private final long stationId;
    private final StationHardware hardware;
    private final StationVolume volume;
    private final VolumeStore volumeStore;
    private final Optional<RecentLog> recentLog;
    private final AirTime airTime;
    private final Clock clock;
    private final Consumer<CommandResult> results;
    private final Runnable afterSwitching;
    private final ToneTest tone;
    private final SilentTestRun silent;
    private final ExecutorService worker;
    private final AtomicReference<String> running = new AtomicReference<>();
    private volatile Runnable restart;

    /**
     * @param results        where results go (the link; dropped when it is down)
     * @param afterSwitching called after a test switched devices, so health is re-read at once
     */
    public CommandExecutor(long stationId, StationTimings timings, StationHardware hardware, StationVolume volume, PlayStats stats,
            VolumeStore volumeStore, Optional<RecentLog> recentLog, AirTime airTime, Clock clock,
            Consumer<CommandResult> results, Runnable afterSwitching) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.volume = volume;
        this.volumeStore = volumeStore;
        this.recentLog = recentLog;
        this.airTime = airTime;
        this.clock = clock;
        this.results = results;
        this.afterSwitching = afterSwitching;
        // a stopping agent interrupts the worker, which calls off any wait
        SwitchingSequence switching = new SwitchingSequence(hardware, timings.switching(), clock,
                Pause.parking(clock, () -> true));
        this.tone = new ToneTest(stationId, hardware, stats, switching, clock);
        this.silent = new SilentTestRun(stationId, hardware, stats, switching);
        this.worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("command-" + stationId).daemon(true).factory());
    }

    /** How the agent restarts itself (the CLI exits for its service manager to start it again); null = cannot. */
    public void onRestart(Runnable restart) {
        this.restart = restart;
    }

    /**
     * The start-up self-test of a release on trial (docs/updates.md#the-agent): a silent test of every zone (amplifier
     * and relays switched and read back, nothing audible) on the command worker, when nothing else uses it and the
     * loudspeakers are free. Completes SUCCEEDED or FAILED with the silent test's message, or REJECTED when busy
     * (try again later). Never blocks the caller.
     */
    public java.util.concurrent.CompletableFuture<CommandResult> startupSelfTest() {
        var out = new java.util.concurrent.CompletableFuture<CommandResult>();
        if (!running.compareAndSet(null, "start-up self-test")) {
            out.complete(CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("busy with command " + running.get()).build());
            return out;
        }
        try {
            worker.execute(() -> {
                try {
                    Optional<String> conflict = airTime.conflict(silent.windowMillis(hardware.zones().zones().size()));
                    if (conflict.isPresent()) {
                        out.complete(CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                                .setMessage("loudspeakers busy: " + conflict.get()).build());
                        return;
                    }
                    try {
                        out.complete(silent.run(vn.loa.protocol.v1.SilentTest.getDefaultInstance()).build());
                    } finally {
                        afterSwitching.run();
                    }
                } catch (RuntimeException e) {
                    log.error("station {}: start-up self-test failed: {}", stationId, e.toString(), e);
                    out.complete(CommandResult.newBuilder().setStatus(CommandResult.Status.FAILED)
                            .setMessage("agent error: " + e).build());
                } finally {
                    running.set(null);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(null);
            out.complete(CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("the agent is stopping").build());
        }
        return out;
    }

    /** True while a test tone sounds. */
    public boolean sounding() {
        return tone.sounding();
    }

    /** Called on the link's event loop: validates, then runs on the worker. Never blocks. */
    public void accept(Command command) {
        String id = command.getCommandId();
        if (id.isEmpty()) {
            log.warn("station {}: ignoring a command without an id", stationId);
            return;
        }
        String invalid = invalid(command);
        if (invalid != null) {
            reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED).setMessage(invalid));
            return;
        }
        if (!running.compareAndSet(null, id)) {
            reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("busy with command " + running.get()));
            return;
        }
        log.info("station {}: command {} ({}) received", stationId, id, command.getKindCase());
        try {
            worker.execute(() -> {
                try {
                    execute(command);
                } catch (RuntimeException e) {
                    log.error("station {}: command {} failed: {}", stationId, id, e.toString(), e);
                    reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.FAILED)
                            .setMessage("agent error: " + e));
                } finally {
                    running.set(null);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(null);
            reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("the agent is stopping"));
        }
    }

    private static String invalid(Command c) {
        return switch (c.getKindCase()) {
            case TEST_TONE -> ToneTest.invalid(c.getTestTone());
            case SET_VOLUME -> c.getSetVolume().getPercent() > 100 ? "percent must be 0..100" : null;
            case FETCH_LOG -> c.getFetchLog().getMaxLines() > RecentLog.CAPACITY
                    ? "max_lines must be at most " + RecentLog.CAPACITY : null;
            case SILENT_TEST, RESTART_AGENT, SET_LOCAL_MODE -> null;
            case KIND_NOT_SET -> "unknown command (this agent may be older than the controller)";
        };
    }

    private void execute(Command c) {
        String id = c.getCommandId();
        long started = clock.millis();
        CommandResult.Builder r = switch (c.getKindCase()) {
            case TEST_TONE -> withAirTime(id, tone.windowMillis(c.getTestTone()), started,
                    () -> tone.run(id, c.getTestTone()));
            case SILENT_TEST -> withAirTime(id, silent.windowMillis(Math.max(c.getSilentTest().getZoneIdsCount(),
                    hardware.zones().zones().size())), started, () -> silent.run(c.getSilentTest()));
            case SET_VOLUME -> setVolume(c.getSetVolume().getPercent());
            case FETCH_LOG -> fetchLog(c.getFetchLog());
            case RESTART_AGENT -> restart(id);
            // taken by RemoteMaintenance before this queue (never behind a running command)
            case SET_LOCAL_MODE, KIND_NOT_SET -> CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED);
        };
        if (r == null) {
            return;
        }
        reply(id, r.setStartedAtMs(started).setFinishedAtMs(clock.millis()));
        log.info("station {}: command {} {}: {}", stationId, id, r.getStatus(), r.getMessage());
    }

    private CommandResult.Builder withAirTime(String id, long window, long started,
            java.util.function.Supplier<CommandResult.Builder> test) {
        Optional<String> conflict = airTime.conflict(window);
        if (conflict.isPresent()) {
            return CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("loudspeakers busy: " + conflict.get());
        }
        reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.ACCEPTED).setStartedAtMs(started)
                .setMessage("running"));
        try {
            return test.get();
        } finally {
            afterSwitching.run();
        }
    }

    private CommandResult.Builder setVolume(int percent) {
        try {
            volumeStore.save(percent);
        } catch (IOException e) {
            log.error("station {}: cannot store the volume {} %: {}", stationId, percent, e.getMessage());
            return CommandResult.newBuilder().setStatus(CommandResult.Status.FAILED)
                    .setMessage("cannot store the volume: " + e.getMessage());
        }
        volume.set(percent);
        afterSwitching.run();
        return CommandResult.newBuilder().setStatus(CommandResult.Status.SUCCEEDED)
                .setMessage("volume set to " + percent + " %").setVolume(VolumeResult.newBuilder().setPercent(percent));
    }

    private CommandResult.Builder fetchLog(FetchLog f) {
        if (recentLog.isEmpty()) {
            return CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("this agent does not capture its log (logging is not logback)");
        }
        int max = f.getMaxLines() == 0 ? DEFAULT_LOG_LINES : f.getMaxLines();
        var lines = recentLog.get().last(max);
        LogResult.Builder out = LogResult.newBuilder();
        int chars = 0;
        int from = lines.size();
        while (from > 0 && chars + lines.get(from - 1).length() < MAX_LOG_CHARS) {
            chars += lines.get(--from).length();
        }
        out.addAllLines(lines.subList(from, lines.size()));
        return CommandResult.newBuilder().setStatus(CommandResult.Status.SUCCEEDED)
                .setMessage(out.getLinesCount() + " lines").setLog(out);
    }

    private CommandResult.Builder restart(String id) {
        Runnable r = restart;
        if (r == null) {
            return CommandResult.newBuilder().setStatus(CommandResult.Status.REJECTED)
                    .setMessage("this agent runs embedded and cannot restart itself");
        }
        reply(id, CommandResult.newBuilder().setStatus(CommandResult.Status.SUCCEEDED)
                .setMessage("stopping now; the service manager starts the agent again")
                .setStartedAtMs(clock.millis()).setFinishedAtMs(clock.millis()));
        log.warn("station {}: restarting on the controller's command {}", stationId, id);
        // a thread of its own: stopping the agent waits for this worker to finish
        Thread.ofPlatform().name("agent-restart-" + stationId).start(r);
        return null;
    }

    private void reply(String id, CommandResult.Builder r) {
        results.accept(r.setCommandId(id).build());
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("station {}: a command was still running at shutdown", stationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
