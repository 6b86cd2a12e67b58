package vn.loa.controller.gateway;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Instant;
import vn.loa.protocol.v1.Heartbeat;

/** One connected station agent. */
public final class StationSession {
    public static final AttributeKey<StationSession> KEY = AttributeKey.valueOf("loa.session");

    private final long stationId;
    private final String stationName;
    private final Channel channel;
    private final Instant connectedAt;
    private volatile Instant lastSeen;
    private volatile Heartbeat lastHeartbeat = Heartbeat.getDefaultInstance();
    private volatile String sentPlanVersion = "";
    private volatile String ackedPlanVersion;

    StationSession(long stationId, String stationName, Channel channel, Instant connectedAt, String agentPlanVersion) {
        this.stationId = stationId;
        this.stationName = stationName;
        this.channel = channel;
        this.connectedAt = connectedAt;
        this.lastSeen = connectedAt;
        this.ackedPlanVersion = agentPlanVersion;
    }

    private volatile java.util.Set<String> capabilities = java.util.Set.of();
    private volatile long startLeadMs;

    /** What the agent said about itself in its Hello. */
    void agent(java.util.Collection<String> capabilities, long startLeadMs) {
        this.capabilities = java.util.Set.copyOf(capabilities);
        this.startLeadMs = startLeadMs;
    }

    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    /** The agent's warm-up plus relay settle, 0 when it did not say. */
    public long startLeadMs() {
        return startLeadMs;
    }

    public long stationId() {
        return stationId;
    }

    public String stationName() {
        return stationName;
    }

    public Channel channel() {
        return channel;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant at) {
        lastSeen = at;
    }

    public Heartbeat lastHeartbeat() {
        return lastHeartbeat;
    }

    void heartbeat(Heartbeat hb) {
        lastHeartbeat = hb;
    }

    public String ackedPlanVersion() {
        return ackedPlanVersion;
    }

    void planAcked(String version) {
        ackedPlanVersion = version;
    }

    String sentPlanVersion() {
        return sentPlanVersion;
    }

    void planSent(String version) {
        sentPlanVersion = version;
    }

    @Override
    public String toString() {
        return "station " + stationId;
    }
}
