package vn.loa.controller.media;

import java.util.Arrays;

/**
 * Streaming band-limited resampler for one channel: a Kaiser-windowed sinc low-pass, evaluated as a polyphase
 * filter. The cut-off is {@value #ROLLOFF} of the lower Nyquist frequency and the kernel spans
 * {@value #ZERO_CROSSINGS} zero crossings on each side, which keeps aliasing below about -80 dB.
 *
 * <p>When the reduced ratio needs at most {@value #MAX_EXACT_PHASES} phases, every output instant has its own exact
 * phase; otherwise {@value #INTERPOLATED_PHASES} phases are stored and adjacent ones are linearly interpolated.
 * Timing is kept with exact integer arithmetic, so there is no drift. The filter is symmetric (zero phase):
 * output sample {@code n} is centred on input time {@code n * inRate / outRate}. The total output length is
 * {@code round(inputLength * outRate / inRate)}.
 */
final class SincResampler {

    static final double ROLLOFF = 0.91;
    static final int ZERO_CROSSINGS = 32;
    static final double KAISER_BETA = 8.0;
    static final int MAX_EXACT_PHASES = 1024;
    static final int INTERPOLATED_PHASES = 512;

    private final long step;
    private final long outUnits;
    private final boolean passthrough;
    private final int halfTaps;
    private final int phases;
    private final boolean interpolate;
    private final float[][] table;

    private float[] buffer;
    private int buffered;
    /** Input index of buffer[0]. */
    private long bufferStart;
    private long inputCount;
    private long outputIndex;
    private boolean finished;

    SincResampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        long gcd = gcd(inRate, outRate);
        this.step = inRate / gcd;
        this.outUnits = outRate / gcd;
        this.passthrough = inRate == outRate;
        double cutoff = 0.5 * Math.min(1.0, (double) outRate / inRate) * ROLLOFF; // cycles per input sample
        double halfWidth = ZERO_CROSSINGS / (2 * cutoff);
        this.halfTaps = (int) Math.ceil(halfWidth);
        this.interpolate = outUnits > MAX_EXACT_PHASES;
        this.phases = interpolate ? INTERPOLATED_PHASES : (int) outUnits;
        this.table = passthrough ? new float[0][] : buildTable(cutoff, halfWidth);
        this.buffer = new float[4 * halfTaps + 4096];
        this.bufferStart = -halfTaps;
        this.buffered = halfTaps; // zeros before the first input sample
    }

    /** Consumes input and returns every output sample that can already be computed (possibly none). */
    float[] process(float[] input) {
        if (finished) {
            throw new IllegalStateException("resampler already finished");
        }
        inputCount += input.length;
        if (passthrough) {
            return input;
        }
        append(input, input.length);
        return produce(Long.MAX_VALUE);
    }

    /** Flushes the filter; afterwards exactly {@link #outputLength(long)} samples have been returned in total. */
    float[] finish() {
        if (finished) {
            return new float[0];
        }
        finished = true;
        if (passthrough) {
            return new float[0];
        }
        append(new float[2 * halfTaps + 2], 2 * halfTaps + 2);
        return produce(outputLength(inputCount));
    }

    /** Output samples produced for {@code inputLength} input samples. */
    long outputLength(long inputLength) {
        return (inputLength * outUnits + step / 2) / step;
    }

    private float[] produce(long limit) {
        long available = bufferStart + buffered; // input index just past the last buffered sample
        // output n needs input indices floor(n*step/outUnits) - halfTaps + 1 .. floor(n*step/outUnits) + halfTaps
        long maxCentre = available - 1 - halfTaps;
        long count = maxCentre < 0 ? 0 : Math.min(limit, (maxCentre + 1) * outUnits / step + 1) - outputIndex;
        while (count > 0 && (outputIndex + count - 1) * step / outUnits > maxCentre) {
            count--;
        }
        if (count <= 0) {
            return new float[0];
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++, outputIndex++) {
            long position = outputIndex * step;
            long centre = position / outUnits;
            int phaseUnits = (int) (position % outUnits);
            int first = (int) (centre - halfTaps + 1 - bufferStart);
            if (interpolate) {
                double exact = (double) phaseUnits * phases / outUnits;
                int p = (int) exact;
                float frac = (float) (exact - p);
                float a = dot(table[p], first);
                float b = dot(table[p + 1], first);
                out[i] = a + (b - a) * frac;
            } else {
                out[i] = dot(table[phaseUnits], first);
            }
        }
        discardBefore(outputIndex * step / outUnits - halfTaps + 1);
        return out;
    }

    private float dot(float[] coefficients, int first) {
        float[] b = buffer;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (int n = coefficients.length - 3; j < n; j += 4) { // four accumulators let the CPU pipeline the sum
            s0 += coefficients[j] * b[first + j];
            s1 += coefficients[j + 1] * b[first + j + 1];
            s2 += coefficients[j + 2] * b[first + j + 2];
            s3 += coefficients[j + 3] * b[first + j + 3];
        }
        for (; j < coefficients.length; j++) {
            s0 += coefficients[j] * b[first + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void append(float[] input, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(input, 0, buffer, buffered, length);
        buffered += length;
    }

    private void discardBefore(long inputIndex) {
        int drop = (int) Math.min(buffered, Math.max(0, inputIndex - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    /**
     * Row {@code p} holds the taps for an output instant {@code p/phases} of an input sample after the centre tap;
     * tap {@code j} multiplies input {@code centre - halfTaps + 1 + j}.
     */
    private float[][] buildTable(double cutoff, double halfWidth) {
        int rows = interpolate ? phases + 1 : phases;
        float[][] rowsOut = new float[rows][2 * halfTaps];
        double norm = bessel0(KAISER_BETA);
        for (int p = 0; p < rows; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] taps = new double[2 * halfTaps];
            for (int j = 0; j < taps.length; j++) {
                double x = frac + halfTaps - 1 - j; // distance from the tap's input sample to the output instant
                if (Math.abs(x) >= halfWidth) {
                    continue;
                }
                double r = x / halfWidth;
                double window = bessel0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
                double arg = 2 * cutoff * x;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                taps[j] = 2 * cutoff * sinc * window;
                sum += taps[j];
            }
            for (int j = 0; j < taps.length; j++) {
                rowsOut[p][j] = (float) (taps[j] / sum); // unity gain at DC for every phase
            }
        }
        return rowsOut;
    }

    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
