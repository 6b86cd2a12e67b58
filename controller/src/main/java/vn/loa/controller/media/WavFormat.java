package vn.loa.controller.media;

/**
 * The layout of the samples in a WAV file's data chunk.
 *
 * @param floatingPoint  IEEE float samples (otherwise integer PCM)
 * @param channels       interleaved channels per frame
 * @param sampleRate     in Hz
 * @param containerBits  bits per stored sample: 8 (unsigned), 16, 24, 32 (signed) or 32, 64 (float)
 * @param dataOffset     byte offset of the first sample
 * @param frameCount     whole frames in the data chunk
 */
record WavFormat(boolean floatingPoint, int channels, int sampleRate, int containerBits, long dataOffset,
        long frameCount) {

    int bytesPerFrame() {
        return channels * containerBits / 8;
    }
}
