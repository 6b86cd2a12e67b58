package vn.loa.agent.link;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the link needs to know (defaults and validation in the agent's configuration).
 *
 * @param secret       the station secret for a plain-TCP link; not sent over mutual TLS
 * @param tlsIdentity  the station's key, certificate and CA file; null for plain TCP with the secret
 * @param startLeadMs  told to the controller in the Hello: warm-up + zone settle
 * @param reconnectMin the first redial delay (and after a good connection)
 * @param reconnectMax the longest redial delay
 */
public record LinkSettings(String host, int port, long stationId, String secret, Path tlsIdentity, int startLeadMs,
        Duration reconnectMin, Duration reconnectMax) {
}
