package vn.loa.controller.gateway;

import java.time.Duration;
import vn.loa.protocol.ProtocolVersion;

/**
 * @param idleTimeout a link silent this long is closed (the agent sends a clock request every 5 s and a
 *                    heartbeat every 10 s); 25 s keeps "offline within 30 s of a silent loss" true
 *                    even when the loss comes right after a frame
 */
public record GatewayConfig(String host, int port, Duration helloTimeout, Duration heartbeatInterval,
        Duration idleTimeout, int maxFrameBytes) {

    public static GatewayConfig defaults(String host, int port) {
        return new GatewayConfig(host, port, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(25),
                ProtocolVersion.DEFAULT_MAX_FRAME_BYTES);
    }

    public GatewayConfig withMaxFrameBytes(int bytes) {
        return new GatewayConfig(host, port, helloTimeout, heartbeatInterval, idleTimeout, bytes);
    }
}
