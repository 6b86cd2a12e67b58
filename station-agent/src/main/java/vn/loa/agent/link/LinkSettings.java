package vn.loa.agent.link;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the link needs to know (defaults and validation in the agent's configuration).
 *
 * @param secret       the station secret for a plain-TCP link; not sent over mutual TLS
 * @param tlsIdentity  the station's key, certificate and CA file; null for plain TCP with the secret
 * @param startLeadMs  told to the controller in the Hello: warm-up + zone settle
 * @param reconnectMin the first redial delay (and after a good connection)
 * @param reconnectMax the longest redial delay
 * @param alternates   the station's other controllers (nodes of one cluster), tried after {@code host:port}
 *                     in order when a link fails or a standby refuses it
 */
public record LinkSettings(String host, int port, long stationId, String secret, Path tlsIdentity, int startLeadMs,
        Duration reconnectMin, Duration reconnectMax, List<ControllerAddress> alternates) {
    public LinkSettings {
        alternates = List.copyOf(alternates);
    }

    /** Every controller of the station, {@code host:port} first. */
    public List<ControllerAddress> controllers() {
        List<ControllerAddress> all = new ArrayList<>();
        all.add(new ControllerAddress(host, port));
        alternates.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return List.copyOf(all);
    }
}
