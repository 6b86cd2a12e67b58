package vn.loa.hardware;

/** Signed 16-bit little-endian PCM. */
public record PcmFormat(int sampleRate, int channels) {
    public PcmFormat {
        if (sampleRate < 8000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("unsupported sample rate " + sampleRate);
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("unsupported channel count " + channels);
        }
    }

    public long samplesToMillis(long samplesPerChannel) {
        return samplesPerChannel * 1000 / sampleRate;
    }
}
