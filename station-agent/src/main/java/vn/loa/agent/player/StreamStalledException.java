package vn.loa.agent.player;

import java.io.IOException;

/** A live stream brought no audio for too long (reported {@code STREAM_STALLED}, not as corrupt media). */
public final class StreamStalledException extends IOException {
    public StreamStalledException(String message) {
        super(message);
    }
}
