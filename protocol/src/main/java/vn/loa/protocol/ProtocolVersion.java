package vn.loa.protocol;

import java.util.List;
import java.util.OptionalInt;

/** Versions and capabilities of the Loa wire protocol. */
public final class ProtocolVersion {
    /**
     * The version this build speaks best. 2: {@code PlanItem.max_wait_ms} has presence (an explicit WAIT; a
     * version-1 peer reads it as before, a value of 0 then being the default WAIT), and a standby controller
     * node answers {@code Reject{NOT_LEADER, leader_address}} (docs/protocol.md §15). 1 is still accepted.
     */
    public static final int CURRENT = 2;
    /** The oldest version this build still accepts. */
    public static final int MINIMUM = 1;

    /** Plan sync with full plans replacing the previous one. */
    public static final String CAP_PLAN_V1 = "plan.v1";
    /** File transfer that resumes from a byte offset. */
    public static final String CAP_FILE_RESUME = "file.resume";
    /** Play reports acknowledged by id, stored once. */
    public static final String CAP_REPORT_ACK = "report.ack";

    /** Announcements: BroadcastStart/Audio/End/Stop/Status. A controller sends them only to agents offering it. */
    public static final String CAP_BROADCAST_V1 = "broadcast.v1";

    /** Health samples recorded while offline, uploaded after a reconnect (HealthHistory/HealthHistoryAck). */
    public static final String CAP_HEALTH_HISTORY_V1 = "health.history.v1";

    /** Remote commands (Command/CommandResult): a controller sends them only to agents offering it. */
    public static final String CAP_COMMAND_V1 = "command.v1";

    /**
     * Heartbeats carry device faults, the hardware file's zones, the clock's source and local mode (Heartbeat fields 30–34): additive
     * fields an older controller ignores, so the version stays 1.
     */
    public static final String CAP_HEALTH_DEVICES_V1 = "health.devices.v1";

    /**
     * Quiet hours and time-of-day volume in the plan ({@code PlanSync.quiet_rules}): an agent offering it keeps
     * them itself, offline too. An agent without it ignores the fields (it plays everything at full volume).
     */
    public static final String CAP_QUIET_V1 = "quiet.v1";

    /**
     * Local mode from the console: the {@code SetLocalMode} command (Command field 15); the agent reports each
     * local-mode period in the as-run log (item {@code local-mode}, reason {@code LOCAL_MODE}).
     */
    public static final String CAP_LOCAL_MODE_V1 = "local.mode.v1";

    /**
     * Over-the-air updates (ReleaseKey/UpdateOffer/UpdateStatus, Envelope fields 110–112; docs/updates.md): the
     * controller sends its release-signing key and offers releases only to agents offering it.
     */
    public static final String CAP_OTA_V1 = "ota.v1";

    /**
     * Remote configuration (ConfigPush/ConfigStatus, Envelope fields 113–114; docs/configuration.md): the
     * controller pushes a validated hardware file; the agent applies it when idle, self-tests the changed zones
     * silently and goes back to the last good file when that fails.
     */
    public static final String CAP_CONFIG_V1 = "config.v1";

    /**
     * Remote agent settings (ConfigPush.file = STATION_SETTINGS, fields 70–72; docs/configuration.md#agent-settings):
     * the agent applies a pushed station.properties when idle and goes back to the last good one unless it is
     * connected again within the push's trial time. Only sent to agents offering it.
     */
    public static final String CAP_CONFIG_SETTINGS_V1 = "config-settings.v1";

    /** The capabilities this build offers. */
    public static final List<String> CAPABILITIES = List.of(CAP_PLAN_V1, CAP_FILE_RESUME, CAP_REPORT_ACK,
            CAP_BROADCAST_V1, CAP_HEALTH_HISTORY_V1, CAP_COMMAND_V1, CAP_HEALTH_DEVICES_V1, CAP_QUIET_V1,
            CAP_LOCAL_MODE_V1, CAP_OTA_V1, CAP_CONFIG_V1, CAP_CONFIG_SETTINGS_V1);

    /** Default cap on one frame: 1 MiB (file chunks are 64 KiB). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private ProtocolVersion() {
    }

    /**
     * The highest version both sides speak, or empty when the ranges do not overlap.
     */
    public static OptionalInt negotiate(int peerMin, int peerMax) {
        int low = Math.max(peerMin == 0 ? peerMax : peerMin, MINIMUM);
        int high = Math.min(peerMax, CURRENT);
        return low <= high && high > 0 ? OptionalInt.of(high) : OptionalInt.empty();
    }
}
