package vn.loa.controller.media;

/**
 * What {@link Mp3FrameScanner} learned about a valid MP3 file.
 *
 * @param audioStart      byte offset of the first MPEG frame (after any ID3v2 tag and padding)
 * @param audioEnd        byte offset just past the last complete MPEG frame
 * @param sampleRate      in Hz
 * @param channels        1 or 2
 * @param layer           1, 2 or 3
 * @param frameCount      MPEG frames between audioStart and audioEnd, including an informational first frame
 * @param skipFirstFrame  whether the first frame is a Xing/Info/VBRI tag frame that carries no audio
 * @param startSkip       decoded samples (per channel) to drop at the start (LAME encoder delay + decoder delay)
 * @param totalSamples    samples (per channel) to keep after startSkip
 */
record Mp3StreamInfo(long audioStart, long audioEnd, int sampleRate, int channels, int layer, long frameCount,
        boolean skipFirstFrame, long startSkip, long totalSamples) {
}
