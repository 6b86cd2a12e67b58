package vn.loa.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.loa.agent.link.ControllerAddress;
import vn.loa.agent.link.LinkSettings;
import vn.loa.agent.player.StationTimings;

/**
 * Everything a station agent needs to run; defaults in one place, every error reported together.
 *
 * @param warmUp       amplifier on → zones on
 * @param zoneSettle   zones on → first audio sample
 * @param hold         last audio sample → amplifier off (a following item within this time reuses the
 *                     running amplifier)
 * @param chimeFile    a LOP file played before announcements instead of the built-in chime, or null
 * @param lateTolerance an item whose instant passed by more than this (agent down, clock unknown) is
 *                     reported SKIPPED rather than played late
 * @param tlsIdentity  the station's key, certificate and CA ({@code <data>/pki/station.pem}, made by
 *                     {@code loa-agent enroll}): the link is mutual TLS 1.3 and no secret is sent; null:
 *                     plain TCP with the station secret
 * @param alternateControllers the station's other controllers (a cluster's nodes), tried in order after
 *                     the first when a link fails or a standby refuses it; empty with one controller
 * @param cellular     mmcli, the interface counters and the data plan's monthly quota (null: the defaults, no quota)
 */
public record AgentConfig(String controllerHost, int controllerPort, long stationId, String secret, Path dataDir,
        String hardware, Duration warmUp, Duration zoneSettle, Duration hold, Duration lateTolerance,
        Duration reconnectMin, Duration reconnectMax, Path chimeFile, Path tlsIdentity,
        List<ControllerAddress> alternateControllers, vn.loa.agent.cellular.CellularSettings cellular) {

    public static final Duration DEFAULT_WARM_UP = Duration.ofMillis(500);
    public static final Duration DEFAULT_ZONE_SETTLE = Duration.ofMillis(100);
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LATE_TOLERANCE = Duration.ofSeconds(60);

    public AgentConfig {
        alternateControllers = alternateControllers == null ? List.of() : List.copyOf(alternateControllers);
        cellular = cellular == null ? vn.loa.agent.cellular.CellularSettings.defaults() : cellular;
        List<String> errors = new ArrayList<>();
        if (controllerHost == null || controllerHost.isBlank()) {
            errors.add("controller host is missing (--controller HOST:PORT)");
        }
        if (controllerPort < 1 || controllerPort > 65535) {
            errors.add("controller port " + controllerPort + " is not a TCP port");
        }
        boolean noIdentity = tlsIdentity == null && (secret == null || secret.isBlank());
        if (noIdentity && stationId <= 0) {
            // the usual cause: the wrong --data directory, or enrollment not done yet
            errors.add("no station certificate in " + (dataDir == null ? "the data directory" : dataDir.resolve("pki/station.pem"))
                    + ": enroll first (sudo loa-agent enroll --controller HOST:PORT --token T), or check --data; "
                    + "without mutual TLS give --station ID and --secret S");
        } else {
            if (stationId <= 0) {
                errors.add("station id must be a positive number (--station ID)");
            }
            if (noIdentity) {
                errors.add("station secret is missing (--secret S), and there is no certificate in "
                        + (dataDir == null ? "the data directory" : dataDir.resolve("pki/station.pem")));
            }
        }
        if (dataDir == null) {
            errors.add("data directory is missing (--data DIR)");
        }
        if (!"sim".equals(hardware)) {
            errors.add("hardware '" + hardware + "' is not supported yet (use: sim)");
        }
        for (Duration d : new Duration[] {warmUp, zoneSettle, hold, lateTolerance, reconnectMin, reconnectMax}) {
            if (d == null || d.isNegative()) {
                errors.add("timings must be zero or positive");
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid agent configuration: " + String.join("; ", errors));
        }
    }

    public static AgentConfig of(String host, int port, long stationId, String secret, Path dataDir) {
        return new AgentConfig(host, port, stationId, secret, dataDir, "sim", DEFAULT_WARM_UP, DEFAULT_ZONE_SETTLE,
                DEFAULT_HOLD, DEFAULT_LATE_TOLERANCE, Duration.ofMillis(500), Duration.ofSeconds(30), null, null,
                List.of(), null);
    }

    /** A station that connects with mutual TLS (its enrolled identity file) and has no secret. */
    public static AgentConfig ofTls(String host, int port, long stationId, Path identityFile, Path dataDir) {
        return new AgentConfig(host, port, stationId, null, dataDir, "sim", DEFAULT_WARM_UP, DEFAULT_ZONE_SETTLE,
                DEFAULT_HOLD, DEFAULT_LATE_TOLERANCE, Duration.ofMillis(500), Duration.ofSeconds(30), null, identityFile,
                List.of(), null);
    }

    /** What the link to the controller needs. */
    public LinkSettings link() {
        return new LinkSettings(controllerHost, controllerPort, stationId, secret, tlsIdentity,
                (int) (warmUp.toMillis() + zoneSettle.toMillis()), reconnectMin, reconnectMax, alternateControllers);
    }

    /** The player's timings. */
    public StationTimings timings() {
        return new StationTimings(warmUp, zoneSettle, hold, lateTolerance);
    }

    public AgentConfig withTimings(Duration warmUp, Duration zoneSettle, Duration hold) {
        return new AgentConfig(controllerHost, controllerPort, stationId, secret, dataDir, hardware, warmUp, zoneSettle,
                hold, lateTolerance, reconnectMin, reconnectMax, chimeFile, tlsIdentity, alternateControllers, cellular);
    }

    public AgentConfig withReconnect(Duration min, Duration max) {
        return new AgentConfig(controllerHost, controllerPort, stationId, secret, dataDir, hardware, warmUp, zoneSettle,
                hold, lateTolerance, min, max, chimeFile, tlsIdentity, alternateControllers, cellular);
    }

    /**
     * The station's other controllers (nodes of one cluster on PostgreSQL), dialled in order after
     * {@code controllerHost:controllerPort} when a link fails or a standby refuses it (docs/deployment.md).
     */
    public AgentConfig withAlternateControllers(List<ControllerAddress> others) {
        return new AgentConfig(controllerHost, controllerPort, stationId, secret, dataDir, hardware, warmUp, zoneSettle,
                hold, lateTolerance, reconnectMin, reconnectMax, chimeFile, tlsIdentity, List.copyOf(others), cellular);
    }

    /** Mutual TLS with the identity in this file (see {@code vn.loa.agent.pki.StationIdentity}). */
    public AgentConfig withTls(Path identityFile) {
        return new AgentConfig(controllerHost, controllerPort, stationId, secret, dataDir, hardware, warmUp, zoneSettle,
                hold, lateTolerance, reconnectMin, reconnectMax, chimeFile, identityFile, alternateControllers, cellular);
    }

    /** How the mobile link is read and the data plan's quota (docs/updates.md#the-data-plan). */
    public AgentConfig withCellular(vn.loa.agent.cellular.CellularSettings settings) {
        return new AgentConfig(controllerHost, controllerPort, stationId, secret, dataDir, hardware, warmUp, zoneSettle,
                hold, lateTolerance, reconnectMin, reconnectMax, chimeFile, tlsIdentity, alternateControllers, settings);
    }
}
