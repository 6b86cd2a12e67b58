package vn.loa.controller.relay;

import java.io.Closeable;
import java.io.IOException;

/** Decoded upstream audio: 16-bit mono blocks at a fixed rate, in arrival order. */
public interface PcmStream extends Closeable {
    /** The next block (never empty), or {@code null} when the stream ended; blocks while the upstream is quiet. */
    short[] read() throws IOException, UpstreamException;

    /** Known once the first block has been read. */
    int sampleRate();

    /** What the stream is, for the relay's status. */
    String description();
}
