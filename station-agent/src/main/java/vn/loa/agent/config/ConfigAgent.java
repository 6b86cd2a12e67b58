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
import vn.loa.protocol.v1.ConfigPush;
import vn.loa.protocol.v1.ConfigStatus;
import vn.loa.protocol.v1.Envelope;

/**
 * The running agent's part of remote configuration (docs/configuration.md): parses a pushed hardware file with
 * the same parser it starts with (refused, with every error and its line, when it does not parse), stages it,
 * and — only when the station is idle — restarts, so that {@link ConfigTrial} self-tests it at start and keeps it
 * or goes back to the last good file. Reports the outcome once the link is up again.
 *
 * <p>Not thread-safe: every method runs on the agent's single I/O executor.
 */
public final class ConfigAgent {
    private static final Logger log = LoggerFactory.getLogger(ConfigAgent.class);

    private final long stationId;
    private final ConfigDirectory dir;
    /** Sends to the controller; false when the link is down. */
    private final Predicate<Envelope> link;
    private final BooleanSupplier idle;
    private Runnable restart = () -> log.warn("a pushed hardware file is staged but this agent cannot restart itself");
    private boolean restarting;

    public ConfigAgent(long stationId, Path dataDir, Predicate<Envelope> link, BooleanSupplier idle) {
        this.stationId = stationId;
        this.dir = new ConfigDirectory(dataDir);
        this.link = link;
        this.idle = idle;
    }

    /** How the agent restarts to apply a staged file (the CLI exits; the service manager or launcher starts it). */
    public void onRestart(Runnable restart) {
        this.restart = restart;
    }

    /** The link is up with config.v1: how the last push ended is reported (once). */
    public void connected() {
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
            log.error("station {}: cannot report the last pushed hardware file: {}", stationId, e.toString());
        }
    }

    /** A pushed file: refused with its errors, or staged and applied when idle. */
    public void push(ConfigPush push) {
        ConfigStatus.Builder status = ConfigStatus.newBuilder().setPushId(push.getPushId());
        try {
            HardwareConfigParser.parse(push.getHardwareFile(), "config push " + push.getPushId());
        } catch (HardwareConfigException e) {
            log.warn("station {}: pushed hardware file {} refused: {}", stationId, push.getPushId(), e.getMessage());
            for (ConfigError err : e.problems()) {
                status.addErrors(ConfigStatus.LineError.newBuilder().setLine(err.line()).setMessage(err.message()));
            }
            send(status.setState(ConfigStatus.State.REFUSED).setReason(e.problems().size() + " error(s)"));
            return;
        }
        try {
            Optional<ConfigDirectory.Staged> replaced = dir.staged();
            if (replaced.isPresent() && replaced.get().pushId() != push.getPushId()) {
                // the newer file wins; the older push must not stay "staged" in the station's history
                send(ConfigStatus.newBuilder().setPushId(replaced.get().pushId()).setState(ConfigStatus.State.FAILED)
                        .setReason("replaced by config push " + push.getPushId() + " before it was applied"));
            }
            dir.stage(push.getPushId(), push.getHardwareFile());
        } catch (IOException e) {
            log.error("station {}: cannot store pushed hardware file {}: {}", stationId, push.getPushId(), e.toString());
            send(status.setState(ConfigStatus.State.FAILED).setReason("cannot store it: " + e.getMessage()));
            return;
        }
        log.info("station {}: pushed hardware file {} staged; applied when nothing plays", stationId, push.getPushId());
        send(status.setState(ConfigStatus.State.STAGED).setReason("applied when nothing plays"));
        maybeApply();
    }

    /** At each heartbeat and after a push: a staged file is applied (by a restart) only while nothing plays. */
    public void maybeApply() {
        try {
            if (restarting || dir.staged().isEmpty() || !idle.getAsBoolean()) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot read the staged hardware file: {}", stationId, e.toString());
            return;
        }
        restarting = true;
        log.info("station {}: idle: restarting to apply the pushed hardware file", stationId);
        restart.run();
    }

    private boolean send(ConfigStatus.Builder status) {
        return link.test(Envelope.newBuilder().setConfigStatus(status).build());
    }
}
