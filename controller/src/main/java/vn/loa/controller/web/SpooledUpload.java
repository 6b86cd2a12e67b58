package vn.loa.controller.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload whose body was streamed to a temporary file by {@link UploadSpooler}: the head, with no body in memory,
 * and the file holding the body. It travels the pipeline as an (empty) full request, so the aggregator lets it
 * through as it is; the file is deleted when the request is released, whatever the endpoint did with it.
 */
final class SpooledUpload extends DefaultFullHttpRequest {
    private final Path body;
    private final long bodyBytes;

    SpooledUpload(HttpRequest head, Path body, long bodyBytes) {
        super(head.protocolVersion(), head.method(), head.uri(), Unpooled.buffer(0), head.headers(),
                io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        setDecoderResult(head.decoderResult());
        this.body = body;
        this.bodyBytes = bodyBytes;
    }

    /** The file holding the whole body; valid until this request is released. */
    Path body() {
        return body;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    @Override
    public boolean release() {
        return deleteIf(super.release());
    }

    @Override
    public boolean release(int decrement) {
        return deleteIf(super.release(decrement));
    }

    private boolean deleteIf(boolean released) {
        if (released) {
            try {
                Files.deleteIfExists(body);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the spooled upload " + body, e);
            }
        }
        return released;
    }
}
