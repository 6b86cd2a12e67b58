package vn.loa.controller.media;

import java.io.Closeable;
import java.io.IOException;

/** A pass over decoded audio: blocks of interleaved float samples, nominally in [-1, 1]. */
public interface PcmSource extends Closeable {

    int sampleRate();

    int channels();

    /** Frames (samples per channel) this source will deliver, as declared by the container. */
    long frameCount();

    /**
     * Returns the next block of interleaved samples (length a multiple of {@link #channels()}), or {@code null}
     * at the end.
     */
    float[] nextBlock() throws IOException, MediaRejectedException;
}
