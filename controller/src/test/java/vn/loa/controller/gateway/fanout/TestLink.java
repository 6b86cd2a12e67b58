package vn.loa.controller.gateway.fanout;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;

/** A station link over an {@link EmbeddedChannel} with the real codec: what the pacer writes is read back decoded. */
record TestLink(long stationId, EmbeddedChannel channel) implements StationLink {
    static TestLink of(long stationId) {
        EmbeddedChannel ch = new EmbeddedChannel();
        LoaCodec.addTo(ch.pipeline(), 1 << 20);
        return new TestLink(stationId, ch);
    }

    /** What the station received since the last call, decoded from the bytes on the wire. */
    java.util.List<Envelope> received() {
        java.util.List<Envelope> out = new java.util.ArrayList<>();
        EmbeddedChannel station = new EmbeddedChannel();
        LoaCodec.addTo(station.pipeline(), 1 << 20);
        for (Object o; (o = channel.readOutbound()) != null; ) {
            station.writeInbound(o);
        }
        for (Object o; (o = station.readInbound()) != null; ) {
            out.add((Envelope) o);
        }
        station.finishAndReleaseAll();
        return out;
    }

    @Override
    public String stationName() {
        return "station " + stationId;
    }

    @Override
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public Instant lastSeen() {
        return Instant.EPOCH;
    }

    @Override
    public Heartbeat lastHeartbeat() {
        return Heartbeat.getDefaultInstance();
    }

    @Override
    public String ackedPlanVersion() {
        return "";
    }

    @Override
    public boolean supports(String capability) {
        return true;
    }

    @Override
    public long startLeadMs() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public CompletionStage<Void> send(Envelope message) {
        channel.writeAndFlush(message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Executor loop() {
        return channel.eventLoop();
    }
}
