package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import vn.loa.protocol.v1.Envelope;

/** Hands the result of a remote command to the station monitor; the station is the session's. */
@Sharable
final class CommandResultHandler extends KindHandler {
    private final StationMonitor monitor;

    CommandResultHandler(StationMonitor monitor) {
        super(Envelope.KindCase.COMMAND_RESULT);
        this.monitor = monitor;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        monitor.commandResult(session, envelope.getCommandResult());
    }
}
