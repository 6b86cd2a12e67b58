package vn.loa.controller.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes one input format to PCM. This is the seam for further formats (e.g. an ffmpeg-backed decoder).
 *
 * <p>{@link #open} validates the whole file before returning, so that bad input is refused up front instead of
 * being half decoded. It may be called more than once for the same file (the ingest pipeline makes two passes).
 */
public interface AudioDecoder {

    PcmSource open(Path file) throws MediaRejectedException, IOException;
}
