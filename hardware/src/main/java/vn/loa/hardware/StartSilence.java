package vn.loa.hardware;

import java.time.Clock;
import java.time.Instant;

/**
 * The arithmetic of a start timed by the sound card ({@link AudioOutput#startAt}): how many frames of
 * silence, played from now, put a stream's first sample on its instant. Pure functions on microseconds
 * and a sample rate; the outputs read the clocks.
 *
 * <p>Rounded up, always: the first sample never sounds before its instant, and at most one sample
 * period (21 µs at 48 kHz) after it.
 */
public final class StartSilence {
    /**
     * A start further ahead than this is refused: the caller waits until shortly before its instant
     * (tens of ms), so a longer lead means a clock that jumped, and the device would be held playing
     * silence for it.
     */
    public static final long MAX_LEAD_US = 1_000_000;

    private StartSilence() {
    }

    /**
     * @return the frames of silence from {@code nowUs} to {@code atUs} at {@code sampleRate}, rounded up;
     *         0 when the instant is now or has passed
     */
    public static long frames(long nowUs, long atUs, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        long leadUs = atUs - nowUs;
        if (leadUs <= 0) {
            return 0;
        }
        long whole = leadUs / 1_000_000;
        long part = leadUs % 1_000_000;
        return Math.addExact(Math.multiplyExact(whole, (long) sampleRate), Math.ceilDiv(part * sampleRate, 1_000_000));
    }

    /** Whether an output can time a start at {@code atUs} from {@code nowUs}: not past, at most {@link #MAX_LEAD_US} ahead. */
    public static boolean canStart(long nowUs, long atUs) {
        long leadUs = atUs - nowUs;
        return leadUs >= 0 && leadUs <= MAX_LEAD_US;
    }

    /** How long {@code frames} play at {@code sampleRate}, in nanoseconds, rounded up. */
    public static long nanos(long frames, int sampleRate) {
        if (sampleRate <= 0 || frames < 0) {
            throw new IllegalArgumentException("frames and sample rate must not be negative: " + frames + ", " + sampleRate);
        }
        long whole = frames / sampleRate;
        long part = frames % sampleRate;
        return Math.addExact(Math.multiplyExact(whole, 1_000_000_000L), Math.ceilDiv(part * 1_000_000_000L, sampleRate));
    }

    /** The instant on {@code clock} in microseconds since the epoch. */
    public static long micros(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
