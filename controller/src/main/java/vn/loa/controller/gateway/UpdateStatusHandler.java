package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.UpdateStatus;

/** Logs how an offered release went on the session's station and hands it to the registry's listeners (ota.v1). */
@Sharable
final class UpdateStatusHandler extends KindHandler {
    private static final Logger log = LoggerFactory.getLogger(UpdateStatusHandler.class);
    private final StationRegistry registry;

    UpdateStatusHandler(StationRegistry registry) {
        super(Envelope.KindCase.UPDATE_STATUS);
        this.registry = registry;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        UpdateStatus s = envelope.getUpdateStatus();
        if (s.getState() == UpdateStatus.State.REVERTED || s.getState() == UpdateStatus.State.REFUSED
                || s.getState() == UpdateStatus.State.FAILED || s.getState() == UpdateStatus.State.RELEASE_KEY_MISMATCH) {
            log.warn("station {}: release {} {} ({}); running {}", session.stationId(), s.getVersion(), s.getState(),
                    s.getReason(), s.getRunningVersion());
        } else {
            log.info("station {}: release {} {} ({}); running {}", session.stationId(), s.getVersion(), s.getState(),
                    s.getReason(), s.getRunningVersion());
        }
        registry.updateStatus(session.stationId(), s);
    }
}
