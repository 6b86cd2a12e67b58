package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.HealthHistory;
import vn.loa.protocol.v1.HealthHistoryAck;
import vn.loa.protocol.v1.HealthRecord;

/**
 * {@code HealthHistory} uploads (health an agent recorded while offline): hands each batch to the health
 * history for the session's station — never a station the message names — and acknowledges it only once
 * stored. A batch larger than an agent ever sends is refused (not acknowledged).
 */
@Sharable
final class HealthHistoryHandler extends KindHandler {
    /** More records than an agent ever sends in one batch is a broken or hostile peer. */
    static final int MAX_RECORDS = 1000;
    private static final Logger log = LoggerFactory.getLogger(HealthHistoryHandler.class);

    private final HealthHistorySink sink;

    HealthHistoryHandler(HealthHistorySink sink) {
        super(Envelope.KindCase.HEALTH_HISTORY);
        this.sink = sink;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        HealthHistory batch = envelope.getHealthHistory();
        long stationId = session.stationId();
        if (batch.getRecordsCount() > MAX_RECORDS) {
            log.warn("station {}: health-history batch of {} records refused (at most {})", stationId,
                    batch.getRecordsCount(), MAX_RECORDS);
            return;
        }
        long upTo = batch.getRecordsList().stream().mapToLong(HealthRecord::getSeq).max().orElse(0);
        long requestId = envelope.getRequestId();
        sink.store(stationId, batch.getRecordsList(), stored -> ctx.writeAndFlush(Envelope.newBuilder()
                .setRefersTo(requestId).setHealthHistoryAck(HealthHistoryAck.newBuilder().setUpToSeq(upTo)
                        .setStored(stored)).build(), ctx.voidPromise()));
    }
}
