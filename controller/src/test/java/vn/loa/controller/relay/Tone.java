package vn.loa.controller.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a recording sounds like: its level and how much of it is one frequency. */
record Tone(int sampleRate, short[] samples) {

    /** A simulated station's WAV, also one still being written (the length comes from the file size then). */
    static Tone read(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = b.getInt(24);
        int channels = b.getShort(22);
        if (channels != 1) {
            throw new IllegalStateException(wav + " has " + channels + " channels; stations play mono");
        }
        short[] s = new short[(b.capacity() - 44) / 2];
        b.position(44);
        b.asShortBuffer().get(s);
        return new Tone(rate, s);
    }

    double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** This stretch, in seconds from the start. */
    Tone between(double from, double to) {
        int a = (int) Math.min(samples.length, Math.max(0, from * sampleRate));
        int z = (int) Math.min(samples.length, Math.max(a, to * sampleRate));
        return new Tone(sampleRate, java.util.Arrays.copyOfRange(samples, a, z));
    }

    double rmsDbfs() {
        double sum = 0;
        for (short x : samples) {
            sum += (double) x * x;
        }
        return 20 * Math.log10(Math.sqrt(sum / Math.max(1, samples.length)) / 32768.0);
    }

    /** The share of the signal's energy at this frequency (Goertzel over the whole stretch), 0–1. */
    double energyShareAt(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (short x : samples) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) x * x;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        // a pure sine of N samples puts N/2 × its energy into the bin
        return total == 0 ? 0 : power / (total * samples.length / 2.0);
    }
}
