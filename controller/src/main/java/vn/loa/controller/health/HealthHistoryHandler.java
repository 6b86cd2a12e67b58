package vn.loa.controller.health;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.gateway.StationSession;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.HealthHistory;
import vn.loa.protocol.v1.HealthHistoryAck;

/**
 * The gateway handler for {@code HealthHistory} uploads (health an agent recorded while offline):
 * stores each batch for the session's station — never a station the message names — on the
 * station's lane of the blocking executor, and acknowledges it only once stored. Every other message
 * passes on.
 */
@Sharable
public final class HealthHistoryHandler extends ChannelInboundHandlerAdapter {
    public static final String NAME = "healthHistory";
    /** More records than an agent ever sends in one batch is a broken or hostile peer. */
    static final int MAX_RECORDS = 1000;
    private static final Logger log = LoggerFactory.getLogger(HealthHistoryHandler.class);

    private final HealthHistoryStore store;
    private final StationLanes lanes;

    public HealthHistoryHandler(HealthHistoryStore store, ExecutorService blocking) {
        this.store = store;
        this.lanes = new StationLanes(blocking);
    }

    /** Adds this handler to a station's pipeline ahead of {@code before} (a gateway connect listener). */
    public void install(StationSession session, String before) {
        session.channel().pipeline().addBefore(before, NAME, this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Envelope e) || e.getKindCase() != Envelope.KindCase.HEALTH_HISTORY) {
            ctx.fireChannelRead(msg);
            return;
        }
        StationSession session = ctx.channel().attr(StationSession.KEY).get();
        if (session == null) {
            ctx.fireChannelRead(msg); // not past the hello: the guards refuse it
            return;
        }
        HealthHistory batch = e.getHealthHistory();
        long stationId = session.stationId();
        if (batch.getRecordsCount() > MAX_RECORDS) {
            log.warn("station {}: health-history batch of {} records refused (at most {})", stationId,
                    batch.getRecordsCount(), MAX_RECORDS);
            return;
        }
        long upTo = batch.getRecordsList().stream().mapToLong(r -> r.getSeq()).max().orElse(0);
        lanes.run(stationId, "storing offline health", () -> {
            int stored = store.store(stationId, batch.getRecordsList());
            ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(e.getRequestId()).setHealthHistoryAck(
                    HealthHistoryAck.newBuilder().setUpToSeq(upTo).setStored(stored)).build(), ctx.voidPromise());
        });
    }
}
