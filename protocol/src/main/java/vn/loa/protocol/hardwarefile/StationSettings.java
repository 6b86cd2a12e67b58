package vn.loa.protocol.hardwarefile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The station agent's settings that may be pushed from the controller (docs/configuration.md#agent-settings):
 * the keys of {@code station.properties} other than the station's identity. Every field is optional: a key the
 * pushed file leaves out keeps the value of the packaged {@code /etc/loa-agent/station.properties}.
 *
 * @param controllers  the controllers' agent ports, {@code HOST:PORT}, in the order to try (empty: not set)
 * @param gpsd         gpsd's {@code HOST[:PORT]}
 * @param dataQuotaMiB the data plan's monthly quota in MiB
 * @param warmUp       amplifier on → zones on ({@code warmUpMs}; only without a hardware file)
 * @param zoneSettle   zones on → first sample ({@code zoneSettleMs})
 * @param hold         last sample → amplifier off ({@code holdMs}; only without a hardware file)
 * @param chimeFile    a LOP file played before announcements instead of the built-in chime
 */
public record StationSettings(List<String> controllers, Optional<String> gpsd, Optional<Long> dataQuotaMiB,
        Optional<Duration> warmUp, Optional<Duration> zoneSettle, Optional<Duration> hold, Optional<String> chimeFile) {

    public StationSettings {
        controllers = List.copyOf(controllers);
    }
}
