package vn.loa.controller.media;

/** Averages interleaved channels into one. */
final class Downmixer {

    private Downmixer() {
    }

    static float[] toMono(float[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        int frames = interleaved.length / channels;
        float[] mono = new float[frames];
        float scale = 1f / channels;
        for (int f = 0, i = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i++];
            }
            mono[f] = sum * scale;
        }
        return mono;
    }
}
