package vn.loa.agent.command;

/** A sine tone in 20 ms frames of mono 16-bit PCM, with 10 ms fades so the relays never click on a step. */
final class SineTone {
    static final int RATE = 24_000;
    static final int FRAME = RATE / 50;
    private static final int FADE = RATE / 100;

    private final double frequency;
    private final double amplitude;
    private final long total;
    private long position;

    SineTone(double frequencyHz, double levelDbfs, double seconds) {
        this.frequency = frequencyHz;
        this.amplitude = 32767 * Math.pow(10, levelDbfs / 20) * Math.sqrt(2);
        this.total = Math.round(seconds * RATE);
    }

    /** The next frame, or null at the end. */
    short[] next() {
        if (position >= total) {
            return null;
        }
        int n = (int) Math.min(FRAME, total - position);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            long p = position + i;
            double env = Math.min(1.0, Math.min(p, total - 1 - p) / (double) FADE);
            double v = amplitude * Math.max(0, env) * Math.sin(2 * Math.PI * frequency * p / RATE);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        position += n;
        return out;
    }
}
