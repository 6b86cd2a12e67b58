package vn.loa.agent.player;

import java.io.IOException;
import vn.loa.hardware.PcmFormat;

/** Decoded audio, one frame at a time. */
public interface AudioSource extends AutoCloseable {
    PcmFormat format();

    /** The next frame of interleaved samples, or null at the end. */
    short[] nextFrame() throws IOException;

    @Override
    void close() throws IOException;

    /** Opens the audio of a cached media file. */
    @FunctionalInterface
    interface Opener {
        AudioSource open(java.nio.file.Path file) throws IOException;
    }
}
