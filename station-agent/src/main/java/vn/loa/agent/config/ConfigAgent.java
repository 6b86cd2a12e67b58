package vn.loa.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.hardwarefile.ConfigError;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import vn.loa.protocol.hardwarefile.StationSettingsException;
import vn.loa.protocol.hardwarefile.StationSettingsParser;
import vn.loa.protocol.v1.ConfigPush;
import vn.loa.protocol.v1.ConfigStatus;
import vn.loa.protocol.v1.Envelope;

/**
 * The running agent's part of remote configuration (docs/configuration.md): parses a pushed hardware file with
 * the same parser it starts with (refused, with every error and its line, when it does not parse), stages it,
 * and — only when the station is idle — restarts, so that {@link ConfigTrial} self-tests it at start and keeps it
 * or goes back to the last good file. Reports the outcome once the link is up again.
 *
 * <p>Pushed agent settings (docs/configuration.md#agent-settings) take the same path with their own parser and
 * files; at the restart {@link SettingsTrial} runs them on trial, {@link #linkUp()} keeps them when a controller
 * answers, and {@link #trialExpired()} rolls them back when none did within the push's trial time.
 *
 * <p>Not thread-safe: every method runs on the agent's single I/O executor.
 */
public final class ConfigAgent {
    private static final Logger log = LoggerFactory.getLogger(ConfigAgent.class);

    /** The trial time of pushed settings when the push gives none. */
    public static final int DEFAULT_TRIAL_SECONDS = 120;
    /** Beside the staged settings: the seconds the agent has to connect again with them. */
    static final String TRIAL_SECONDS_FILE = "staged-station.trial";

    private final long stationId;
    private final ConfigDirectory dir;
    private final ConfigDirectory settings;
    /** Sends to the controller; false when the link is down. */
    private final Predicate<Envelope> link;
    private final BooleanSupplier idle;
    private Runnable restart = () -> log.warn("a pushed hardware file is staged but this agent cannot restart itself");
    private boolean restarting;

    public ConfigAgent(long stationId, Path dataDir, Predicate<Envelope> link, BooleanSupplier idle) {
        this.stationId = stationId;
        this.dir = new ConfigDirectory(dataDir);
        this.settings = new ConfigDirectory(dataDir, ConfigDirectory.Slot.SETTINGS);
        this.link = link;
        this.idle = idle;
    }

    /** How the agent restarts to apply a staged file (the CLI exits; the service manager or launcher starts it). */
    public void onRestart(Runnable restart) {
        this.restart = restart;
    }

    /** The link is up with config.v1: how the last push ended is reported (once). */
    public void connected() {
        report(dir);
        report(settings);
    }

    private void report(ConfigDirectory dir) {
        try {
            Optional<ConfigDirectory.Result> r = dir.result();
            if (r.isEmpty()) {
                return;
            }
            ConfigStatus.State state = switch (r.get().outcome()) {
                case APPLIED -> ConfigStatus.State.APPLIED;
                case ROLLED_BACK -> ConfigStatus.State.ROLLED_BACK;
                case FAILED -> ConfigStatus.State.FAILED;
            };
            if (send(ConfigStatus.newBuilder().setPushId(r.get().pushId()).setState(state).setReason(r.get().reason())
                    .addAllTestedZoneIds(r.get().testedZones()))) {
                dir.clearResult();
            }
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot report the last pushed {}: {}", stationId, dir == settings ? "settings"
                    : "hardware file", e.toString());
        }
    }

    /**
     * The link is up (any controller that answered with a Welcome): pushed settings on trial have proved they reach
     * a controller and become the ones that run ({@code APPLIED}, reported by {@link #connected()}).
     */
    public void linkUp() {
        try {
            Optional<ConfigDirectory.Trying> trying = settings.trying();
            if (trying.isEmpty()) {
                return;
            }
            settings.promoteTrying();
            settings.writeResult(new ConfigDirectory.Result(trying.get().pushId(), ConfigDirectory.Outcome.APPLIED,
                    "connected again within " + trying.get().seconds() + " s", java.util.List.of()));
            log.info("station {}: pushed settings {} applied: connected again with them", stationId,
                    trying.get().pushId());
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot keep the pushed settings on trial: {}", stationId, e.toString());
        }
    }

    /** The settings on trial, when there are (the agent started with them and has not connected yet). */
    public Optional<ConfigDirectory.Trying> onTrial() {
        try {
            return settings.trying();
        } catch (IOException e) {
            log.error("station {}: cannot read the settings on trial: {}", stationId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The trial time is over: settings still on trial (never connected) are rolled back — dropped, the outcome
     * written, and the agent restarted on the last good settings — once nothing plays.
     *
     * @return true when done (connected in time, or rolled back); false to ask again later (something plays)
     */
    public boolean trialExpired() {
        Optional<ConfigDirectory.Trying> trying = onTrial();
        if (trying.isEmpty() || restarting) {
            return true;
        }
        if (!idle.getAsBoolean()) {
            return false;
        }
        try {
            settings.dropTrying();
            settings.writeResult(new ConfigDirectory.Result(trying.get().pushId(), ConfigDirectory.Outcome.ROLLED_BACK,
                    "not connected to a controller within " + trying.get().seconds() + " s with these settings",
                    java.util.List.of()));
        } catch (IOException e) {
            log.error("station {}: cannot roll back pushed settings {}: {}", stationId, trying.get().pushId(), e.toString());
            return true;
        }
        log.error("station {}: pushed settings {} rolled back: not connected within {} s; restarting on the last good "
                + "settings", stationId, trying.get().pushId(), trying.get().seconds());
        restarting = true;
        restart.run();
        return true;
    }

    /** A pushed file: refused with its errors, or staged and applied when idle. */
    public void push(ConfigPush push) {
        if (push.getFile() == vn.loa.protocol.v1.ConfigFile.STATION_SETTINGS) {
            pushSettings(push);
            return;
        }
        try {
            HardwareConfigParser.parse(push.getHardwareFile(), "config push " + push.getPushId());
        } catch (HardwareConfigException e) {
            refuse(push, "hardware file", e.getMessage(), e.problems());
            return;
        }
        stage(dir, push, push.getHardwareFile(), "hardware file");
    }

    /** Pushed agent settings: refused with their errors, or staged and tried at the restart (when idle). */
    private void pushSettings(ConfigPush push) {
        try {
            StationSettingsParser.parse(push.getStationSettings(), "config push " + push.getPushId());
        } catch (StationSettingsException e) {
            refuse(push, "settings", e.getMessage(), e.problems());
            return;
        }
        try {
            int seconds = push.getTrialSeconds() > 0 ? push.getTrialSeconds() : DEFAULT_TRIAL_SECONDS;
            java.nio.file.Files.createDirectories(settings.dir());
            java.nio.file.Files.writeString(settings.dir().resolve(TRIAL_SECONDS_FILE), Integer.toString(seconds));
        } catch (IOException e) {
            send(ConfigStatus.newBuilder().setPushId(push.getPushId()).setState(ConfigStatus.State.FAILED)
                    .setReason("cannot store it: " + e.getMessage()));
            return;
        }
        stage(settings, push, push.getStationSettings(), "settings");
    }

    private void refuse(ConfigPush push, String what, String message, java.util.List<ConfigError> problems) {
        log.warn("station {}: pushed {} {} refused: {}", stationId, what, push.getPushId(), message);
        ConfigStatus.Builder status = ConfigStatus.newBuilder().setPushId(push.getPushId());
        for (ConfigError err : problems) {
            status.addErrors(ConfigStatus.LineError.newBuilder().setLine(err.line()).setMessage(err.message()));
        }
        send(status.setState(ConfigStatus.State.REFUSED).setReason(problems.size() + " error(s)"));
    }

    private void stage(ConfigDirectory dir, ConfigPush push, String text, String what) {
        ConfigStatus.Builder status = ConfigStatus.newBuilder().setPushId(push.getPushId());
        try {
            Optional<ConfigDirectory.Staged> replaced = dir.staged();
            if (replaced.isPresent() && replaced.get().pushId() != push.getPushId()) {
                // the newer file wins; the older push must not stay "staged" in the station's history
                send(ConfigStatus.newBuilder().setPushId(replaced.get().pushId()).setState(ConfigStatus.State.FAILED)
                        .setReason("replaced by config push " + push.getPushId() + " before it was applied"));
            }
            dir.stage(push.getPushId(), text);
        } catch (IOException e) {
            log.error("station {}: cannot store pushed {} {}: {}", stationId, what, push.getPushId(), e.toString());
            send(status.setState(ConfigStatus.State.FAILED).setReason("cannot store it: " + e.getMessage()));
            return;
        }
        log.info("station {}: pushed {} {} staged; applied when nothing plays", stationId, what, push.getPushId());
        send(status.setState(ConfigStatus.State.STAGED).setReason("applied when nothing plays"));
        maybeApply();
    }

    /** At each heartbeat and after a push: a staged file is applied (by a restart) only while nothing plays. */
    public void maybeApply() {
        try {
            if (restarting || (dir.staged().isEmpty() && settings.staged().isEmpty()) || !idle.getAsBoolean()) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot read the staged hardware file: {}", stationId, e.toString());
            return;
        }
        restarting = true;
        log.info("station {}: idle: restarting to apply the pushed configuration", stationId);
        restart.run();
    }

    private boolean send(ConfigStatus.Builder status) {
        return link.test(Envelope.newBuilder().setConfigStatus(status).build());
    }
}
