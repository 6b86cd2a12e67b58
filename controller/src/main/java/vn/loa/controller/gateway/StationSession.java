package vn.loa.controller.gateway;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;

/**
 * One connected station agent: the gateway's side of a {@link StationLink}. Its channel is for the Netty
 * side only (the gateway and its fan-out); the domain sees the link.
 */
public final class StationSession implements StationLink {
    public static final AttributeKey<StationSession> KEY = AttributeKey.valueOf("loa.session");

    private final long stationId;
    private final String stationName;
    private final Channel channel;
    private final Instant connectedAt;
    private volatile Instant lastSeen;
    private volatile Heartbeat lastHeartbeat = Heartbeat.getDefaultInstance();
    private volatile String sentPlanVersion = "";
    private volatile String ackedPlanVersion;
    private volatile Set<String> capabilities = Set.of();
    private volatile long startLeadMs;

    StationSession(long stationId, String stationName, Channel channel, Instant connectedAt, String agentPlanVersion) {
        this.stationId = stationId;
        this.stationName = stationName;
        this.channel = channel;
        this.connectedAt = connectedAt;
        this.lastSeen = connectedAt;
        this.ackedPlanVersion = agentPlanVersion;
    }

    /** The session of a link the gateway handed out (the fan-out writes to its channel). */
    public static StationSession of(StationLink link) {
        if (link instanceof StationSession s) {
            return s;
        }
        throw new IllegalArgumentException("not a link of this gateway: " + link);
    }

    /** What the agent said about itself in its Hello. */
    void agent(Collection<String> capabilities, long startLeadMs) {
        this.capabilities = Set.copyOf(capabilities);
        this.startLeadMs = startLeadMs;
    }

    @Override
    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    @Override
    public long startLeadMs() {
        return startLeadMs;
    }

    @Override
    public long stationId() {
        return stationId;
    }

    @Override
    public String stationName() {
        return stationName;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant at) {
        lastSeen = at;
    }

    @Override
    public Heartbeat lastHeartbeat() {
        return lastHeartbeat;
    }

    void heartbeat(Heartbeat hb) {
        lastHeartbeat = hb;
    }

    @Override
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
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public CompletionStage<Void> send(Envelope message) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        channel.writeAndFlush(message).addListener(f -> {
            if (f.isSuccess()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(f.cause());
            }
        });
        return sent;
    }

    @Override
    public Executor loop() {
        return channel.eventLoop();
    }

    @Override
    public String toString() {
        return "station " + stationId;
    }
}
