package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.EMPTY;
import static vn.loa.controller.media.MediaRejectedException.Kind.TOO_LONG;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns decoded audio into an LOP stream in two passes over the input, so memory use does not depend on length:
 * pass 1 downmixes, resamples and measures loudness and exact length; pass 2 repeats the same (deterministic)
 * processing, applies the gain and encodes.
 */
final class AudioTranscoder {

    /** Outcome of a transcode: exact length at 24 kHz and the gain applied. */
    record Result(long totalSamples, double gain) {
    }

    private final Duration maxDuration;

    AudioTranscoder(Duration maxDuration) {
        this.maxDuration = maxDuration;
    }

    Result transcode(AudioDecoder decoder, Path input, OutputStream out) throws MediaRejectedException, IOException {
        LoudnessAnalyzer loudness = new LoudnessAnalyzer(OpusLopEncoder.SAMPLE_RATE);
        try (PcmSource source = decoder.open(input)) {
            checkDuration(source.frameCount(), source.sampleRate());
            SincResampler resampler = new SincResampler(source.sampleRate(), OpusLopEncoder.SAMPLE_RATE);
            long inputFrames = 0;
            for (float[] block = source.nextBlock(); block != null; block = source.nextBlock()) {
                float[] mono = Downmixer.toMono(block, source.channels());
                inputFrames += mono.length;
                checkDuration(inputFrames, source.sampleRate());
                loudness.accept(resampler.process(mono));
            }
            loudness.accept(resampler.finish());
        }
        long total = loudness.samples();
        if (total == 0) {
            throw new MediaRejectedException(EMPTY, "the file contains no audio samples");
        }
        double gain = loudness.gain();
        try (PcmSource source = decoder.open(input)) {
            SincResampler resampler = new SincResampler(source.sampleRate(), OpusLopEncoder.SAMPLE_RATE);
            OpusLopEncoder encoder = new OpusLopEncoder(out, total);
            long produced = 0;
            for (float[] block = source.nextBlock(); block != null; block = source.nextBlock()) {
                float[] resampled = resampler.process(Downmixer.toMono(block, source.channels()));
                produced += resampled.length;
                if (produced > total) {
                    throw new IOException("the input decoded differently on the second pass");
                }
                encoder.write(resampled, gain);
            }
            float[] tail = resampler.finish();
            if (produced + tail.length != total) {
                throw new IOException("the input decoded differently on the second pass");
            }
            encoder.write(tail, gain);
            encoder.finish();
        }
        return new Result(total, gain);
    }

    private void checkDuration(long frames, int sampleRate) throws MediaRejectedException {
        if (frames > maxDuration.toSeconds() * sampleRate) {
            throw new MediaRejectedException(TOO_LONG, "the audio is longer than the limit of "
                    + formatDuration(maxDuration));
        }
    }

    private static String formatDuration(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
