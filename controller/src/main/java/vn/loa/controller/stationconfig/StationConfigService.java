package vn.loa.controller.stationconfig;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.hardwarefile.ConfigError;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import vn.loa.protocol.hardwarefile.StationSettingsException;
import vn.loa.protocol.hardwarefile.StationSettingsParser;
import vn.loa.protocol.v1.ConfigPush.Builder;
import vn.loa.protocol.v1.ConfigStatus;
import vn.loa.protocol.v1.Envelope;

/**
 * Remote configuration (docs/configuration.md): checks a station's hardware file with the agent's own parser,
 * pushes it over the station's link ({@code config.v1}), and keeps what the station reported as its configuration
 * history. Thin: the parser decides what a valid file is, the agent how it is applied.
 */
public final class StationConfigService {
    private static final Logger log = LoggerFactory.getLogger(StationConfigService.class);

    /** The largest hardware file taken (a real one is a few kB). */
    public static final int MAX_FILE_CHARS = 64 * 1024;

    /** What became of a push: sent, or why not. */
    public sealed interface Outcome {
        /** Stored and sent to the station. */
        record Sent(ConfigPush push) implements Outcome {
        }

        /** The file has errors: all of them, each with its line. Nothing stored or sent. */
        record Invalid(List<ConfigError> errors) implements Outcome {
        }

        /** The station is not connected. */
        record Offline() implements Outcome {
        }

        /** The station's agent does not offer {@code config.v1} (or, for settings, {@code config-settings.v1}). */
        record NotSupported() implements Outcome {
        }
    }

    private final ConfigPushRepository repository;
    private final StationLinks links;
    private final Executor blocking;
    private final Clock clock;

    public StationConfigService(ConfigPushRepository repository, StationLinks links, Executor blocking, Clock clock) {
        this.repository = repository;
        this.links = links;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Every error of the file, each with its line; empty when the station's agent would accept it. */
    public List<ConfigError> validate(String hardwareFile) {
        return HardwareConfigParser.validate(hardwareFile);
    }

    /** Every error of the agent settings, each with its line; empty when the station's agent would accept them. */
    public List<ConfigError> validateSettings(String stationSettings) {
        try {
            StationSettingsParser.parse(stationSettings, "station settings");
            return List.of();
        } catch (StationSettingsException e) {
            return e.problems();
        }
    }

    /** Validates, then stores and sends the hardware file to the station (blocking: not on an event loop). */
    public Outcome push(long stationId, String hardwareFile, long accountId) {
        return push(stationId, ConfigPush.File.HARDWARE_FILE, hardwareFile, validate(hardwareFile),
                ProtocolVersion.CAP_CONFIG_V1, accountId,
                vn.loa.protocol.v1.ConfigPush.newBuilder().setHardwareFile(hardwareFile));
    }

    /**
     * Validates, then stores and sends the agent settings to the station (blocking); the agent keeps them only if it
     * is connected again within {@code trialSeconds} of applying them (docs/configuration.md#agent-settings).
     */
    public Outcome pushSettings(long stationId, String stationSettings, int trialSeconds, long accountId) {
        return push(stationId, ConfigPush.File.STATION_SETTINGS, stationSettings, validateSettings(stationSettings),
                ProtocolVersion.CAP_CONFIG_SETTINGS_V1, accountId, vn.loa.protocol.v1.ConfigPush.newBuilder()
                        .setFile(vn.loa.protocol.v1.ConfigFile.STATION_SETTINGS).setStationSettings(stationSettings)
                        .setTrialSeconds(trialSeconds));
    }

    private Outcome push(long stationId, ConfigPush.File file, String text, List<ConfigError> errors, String capability,
            long accountId, Builder push) {
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }
        Optional<StationLink> link = links.link(stationId);
        if (link.isEmpty()) {
            return new Outcome.Offline();
        }
        if (!link.get().supports(capability)) {
            return new Outcome.NotSupported();
        }
        long id = repository.create(stationId, file, text, accountId, clock.instant());
        // read as stored (SENT) before it goes: a quick agent may report it STAGED before this call returns
        ConfigPush sent = repository.find(id).orElseThrow();
        link.get().send(Envelope.newBuilder().setConfigPush(push.setPushId(id)).build());
        log.info("station {}: {} pushed (config push {})", stationId, file, id);
        return new Outcome.Sent(sent);
    }

    public Optional<ConfigPush> find(long id) {
        return repository.find(id);
    }

    /** The station's configuration history, newest first. */
    public List<ConfigPush> history(long stationId) {
        return repository.ofStation(stationId, 100);
    }

    /** A station's ConfigStatus (from the gateway, on an event loop): stored off it. */
    public void statusReported(long stationId, ConfigStatus status) {
        blocking.execute(() -> record(stationId, status));
    }

    private void record(long stationId, ConfigStatus status) {
        ConfigPush.State state = switch (status.getState()) {
            case STAGED -> ConfigPush.State.STAGED;
            case APPLIED -> ConfigPush.State.APPLIED;
            case REFUSED -> ConfigPush.State.REFUSED;
            case ROLLED_BACK -> ConfigPush.State.ROLLED_BACK;
            case FAILED -> ConfigPush.State.FAILED;
            case STATE_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (state == null) {
            log.warn("station {}: config push {}: status without a state; ignored", stationId, status.getPushId());
            return;
        }
        List<ConfigPush.LineError> errors = status.getErrorsList().stream()
                .map(e -> new ConfigPush.LineError(e.getLine(), e.getMessage())).toList();
        if (repository.report(status.getPushId(), stationId, state, status.getReason(), errors,
                status.getTestedZoneIdsList(), clock.instant())) {
            if (state == ConfigPush.State.APPLIED || state == ConfigPush.State.STAGED) {
                log.info("station {}: config push {} {} {}", stationId, status.getPushId(), state, status.getReason());
            } else {
                log.warn("station {}: config push {} {}: {}", stationId, status.getPushId(), state, status.getReason());
            }
        }
    }
}
