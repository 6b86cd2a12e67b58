package vn.loa.agent.player;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.PcmFormat;

/**
 * The frames of a stream's sources one after the other (a chime, then the message), with samples
 * dropped from the front on request (the part of an item played before it was interrupted, or what a
 * late start missed). Counts every sample taken, played or dropped. Closing it closes the sources.
 */
final class Frames implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Frames.class);

    private final List<AudioSource> sources;
    private final PcmFormat format;
    private final int channels;
    private int index;
    private short[] frame;
    private long position;

    Frames(List<AudioSource> sources) {
        this.sources = sources;
        this.format = sources.get(0).format();
        this.channels = format.channels();
    }

    PcmFormat format() {
        return format;
    }

    /** The frame to play next; null at the end. */
    short[] current() {
        return frame;
    }

    /** Samples per channel taken so far, played or dropped. */
    long position() {
        return position;
    }

    /** Moves to the next frame, across sources; null at the end. */
    short[] advance() throws IOException {
        frame = null;
        while (frame == null && index < sources.size()) {
            frame = sources.get(index).nextFrame();
            if (frame == null) {
                index++;
            }
        }
        return frame;
    }

    /** The current frame went out. */
    void played() throws IOException {
        position += frame.length / channels;
        advance();
    }

    /**
     * Drops {@code samples} per channel from the front, within and across frames.
     *
     * @return how many were dropped (fewer when the stream ends first)
     */
    long drop(long samples) throws IOException {
        long dropped = 0;
        while (dropped < samples && frame != null) {
            long n = Math.min(samples - dropped, frame.length / channels);
            dropped += n;
            position += n;
            if (n * channels == frame.length) {
                advance();
            } else {
                frame = Arrays.copyOfRange(frame, (int) n * channels, frame.length);
            }
        }
        return dropped;
    }

    @Override
    public void close() {
        for (AudioSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing a source: {}", e.getMessage());
            }
        }
    }
}
