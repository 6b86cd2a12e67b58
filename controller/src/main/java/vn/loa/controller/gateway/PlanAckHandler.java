package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;

/** Records which plan version the station has stored. */
@Sharable
final class PlanAckHandler extends KindHandler {
    private static final Logger log = LoggerFactory.getLogger(PlanAckHandler.class);

    PlanAckHandler() {
        super(Envelope.KindCase.PLAN_ACK);
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        session.planAcked(envelope.getPlanAck().getVersion());
        log.debug("station {} stored plan {}", session.stationId(), envelope.getPlanAck().getVersion());
    }
}
