package vn.loa.controller.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.media.LiveEncoder;

/**
 * One live announcement's audio arriving over a WebSocket: binary frames of 16-bit little-endian
 * mono PCM at the rate named when connecting. Encoded once here; the announcement fans the packets
 * out. Closing the socket ends the announcement's audio.
 */
final class LiveAudioHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(LiveAudioHandler.class);
    private static final int MAX_FRAME_SAMPLES = 96_000;
    /**
     * The close code when this node stopped leading during the announcement (docs/api.md#live): the console
     * asks GET /api/v1/cluster where to speak again.
     */
    static final int STOPPED_LEADING = 4001;

    private final long announcementId;
    private final AnnouncementService.LiveFeed feed;
    private final LiveEncoder encoder;
    private short[] scratch = new short[4096];
    private boolean ended;
    private long samples;

    LiveAudioHandler(long announcementId, AnnouncementService.LiveFeed feed, int inputRate) {
        this.announcementId = announcementId;
        this.feed = feed;
        this.encoder = new LiveEncoder(inputRate);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame bin) {
            ByteBuf data = bin.content();
            int n = data.readableBytes() / 2;
            if (n > MAX_FRAME_SAMPLES) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1009, "frames of at most " + MAX_FRAME_SAMPLES + " samples"));
                finish();
                return;
            }
            if (scratch.length < n) {
                scratch = new short[n];
            }
            for (int i = 0; i < n; i++) {
                scratch[i] = data.getShortLE(data.readerIndex() + 2 * i);
            }
            if (feed.letGo()) {
                if (!ended) {
                    log.warn("announcement {}: this node stopped leading; the live socket is closed ({})",
                            announcementId, STOPPED_LEADING);
                    finish();
                    ctx.writeAndFlush(new CloseWebSocketFrame(STOPPED_LEADING, "this node stopped leading"))
                            .addListener(f -> ctx.close());
                }
                return;
            }
            samples += n;
            send(encoder.push(scratch, n));
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            finish();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "live announcement ended")).addListener(f -> ctx.close());
        } else if (frame instanceof TextWebSocketFrame text && "end".equals(text.text().strip())) {
            finish();
        }
    }

    private void send(List<byte[]> packets) {
        for (byte[] p : packets) {
            feed.packet(p);
        }
    }

    private void finish() {
        if (!ended) {
            ended = true;
            if (!feed.letGo()) { // else the announcement ended with this node's leadership: nothing more to send
                send(encoder.finish());
                feed.end();
            }
            log.info("announcement {}: live audio ended after {} samples", announcementId, samples);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("announcement {}: live socket failed: {}", announcementId, cause.toString());
        finish();
        ctx.close();
    }
}
