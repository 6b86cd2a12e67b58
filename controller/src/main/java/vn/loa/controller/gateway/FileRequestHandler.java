package vn.loa.controller.gateway;

import com.google.protobuf.ByteString;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.media.MediaStore;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.FileRequest;

/**
 * Streams a media file from the requested offset in 64 KiB chunks, on a blocking thread that waits
 * for each chunk to reach the socket (so a slow link holds one chunk in memory, not the file). One
 * transfer per connection: a new request replaces the one in flight.
 */
final class FileRequestHandler extends KindHandler {
    private static final Logger log = LoggerFactory.getLogger(FileRequestHandler.class);
    static final int CHUNK_BYTES = 64 * 1024;

    private final MediaStore media;
    private final ExecutorService blocking;
    private Future<?> transfer;

    FileRequestHandler(MediaStore media, ExecutorService blocking) {
        super(Envelope.KindCase.FILE_REQUEST);
        this.media = media;
        this.blocking = blocking;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        FileRequest req = envelope.getFileRequest();
        if (transfer != null) {
            transfer.cancel(true);
        }
        long requestId = envelope.getRequestId();
        Channel ch = ctx.channel();
        transfer = blocking.submit(() -> send(ch, session, req, requestId));
    }

    private void send(Channel ch, StationSession session, FileRequest req, long requestId) {
        String sha = req.getSha256();
        Path file;
        try {
            file = media.pathOf(sha);
        } catch (IllegalArgumentException e) {
            error(ch, requestId, sha, "not a sha256");
            return;
        }
        if (!media.exists(sha)) {
            error(ch, requestId, sha, "no such media");
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long offset = req.getOffset();
            if (offset < 0 || offset > size) {
                error(ch, requestId, sha, "offset " + offset + " outside the file (" + size + " bytes)");
                return;
            }
            log.debug("station {}: sending {} from byte {} of {}", session.stationId(), sha, offset, size);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
            do {
                buf.clear();
                int n = in.read(buf, offset);
                buf.flip();
                int len = Math.max(n, 0);
                boolean last = offset + len >= size;
                FileChunk chunk = FileChunk.newBuilder().setSha256(sha).setOffset(offset).setTotalSize(size)
                        .setData(ByteString.copyFrom(buf)).setLast(last).build();
                if (!ch.isActive()) {
                    return;
                }
                ch.writeAndFlush(Envelope.newBuilder().setRefersTo(requestId).setFileChunk(chunk).build()).sync();
                offset += len;
                if (last) {
                    break;
                }
            } while (!Thread.currentThread().isInterrupted());
        } catch (IOException e) {
            log.error("station {}: reading media {} failed: {}", session.stationId(), sha, e.getMessage());
            error(ch, requestId, sha, "controller cannot read the file");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("station {}: transfer of {} stopped: {}", session.stationId(), sha, e.toString());
        }
    }

    private static void error(Channel ch, long requestId, String sha, String reason) {
        ch.writeAndFlush(Envelope.newBuilder().setRefersTo(requestId)
                .setFileError(FileError.newBuilder().setSha256(sha).setReason(reason)).build(), ch.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (transfer != null) {
            transfer.cancel(true);
        }
        ctx.fireChannelInactive();
    }
}
