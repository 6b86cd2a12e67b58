package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlayReportAck;

/**
 * Stores each play report in the as-run log (once per report id) and acknowledges it only after it
 * is stored. The station is the session's, never what the report says.
 */
@Sharable
final class PlayReportHandler extends KindHandler {
    private static final Logger log = LoggerFactory.getLogger(PlayReportHandler.class);

    private final PlayRepository plays;
    private final ExecutorService blocking;
    private final Consumer<PlayReport> onStored;

    PlayReportHandler(PlayRepository plays, ExecutorService blocking, Consumer<PlayReport> onStored) {
        super(Envelope.KindCase.PLAY_REPORT);
        this.plays = plays;
        this.blocking = blocking;
        this.onStored = onStored;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        PlayReport report = envelope.getPlayReport();
        if (report.getReportId().isEmpty() || report.getReportId().length() > 64) {
            log.warn("station {}: play report without a valid id (1–64 characters); refused and acknowledged so it is "
                    + "not sent again", session.stationId());
            ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(envelope.getRequestId())
                    .setPlayReportAck(PlayReportAck.newBuilder().addReportIds(report.getReportId())).build(),
                    ctx.voidPromise());
            return;
        }
        blocking.execute(() -> {
            try {
                boolean fresh = plays.store(session.stationId(), report);
                if (fresh) {
                    log.info("station {} item {}: {} {}", session.stationId(), report.getItemId(),
                            report.getOutcome(), report.getReason());
                    onStored.accept(report);
                }
                ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(envelope.getRequestId())
                        .setPlayReportAck(PlayReportAck.newBuilder().addReportIds(report.getReportId())).build(),
                        ctx.voidPromise());
            } catch (RuntimeException e) {
                // not acknowledged: the agent keeps it and sends it again
                log.error("station {} item {}: storing the play report failed: {}", session.stationId(),
                        report.getItemId(), e.getMessage());
            }
        });
    }
}
