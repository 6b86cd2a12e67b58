package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.PcmFormat;

/**
 * A stream that starts a little late drops what it missed, so its content plays in step with every
 * other station of the announcement; one that starts far too late plays whole, and says it was late.
 * Checked on what the simulated sound card really recorded.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InStepStartTest {
    private static final int RATE = 24_000;

    @TempDir
    Path root;

    /** Sample i has the value i (a ramp): where a recording starts in the stream is its first sample. */
    static final class Ramp implements AudioSource {
        private int position;
        private final int total;

        Ramp(int total) {
            this.total = total;
        }

        @Override
        public PcmFormat format() {
            return new PcmFormat(RATE, 1);
        }

        @Override
        public short[] nextFrame() {
            if (position >= total) {
                return null;
            }
            short[] f = new short[Math.min(480, total - position)];
            for (int i = 0; i < f.length; i++) {
                f[i] = (short) (position + i);
            }
            position += f.length;
            return f;
        }

        @Override
        public void close() {
        }
    }

    private record Played(long startAt, PlaySequence.Result result, long toldStartedAt, short[] recorded) {
    }

    private Played play(String label, long startInMs, boolean inStep) throws Exception {
        Path sim = root.resolve(label);
        PlaySequence sequence = WarmSimStation.at(sim).sequence(); // the start instant is the only wait
        AtomicLong told = new AtomicLong();
        long startAt = System.currentTimeMillis() + startInMs;
        PlaySequence.Result r = sequence.run(new PlaySequence.Spec(label, List.of(1L), startAt,
                List.of(new Ramp(RATE / 2)), 0, 1f, PlaySequence.Interrupter.NEVER, inStep, told::set));
        assertThat(r.ending()).isInstanceOf(PlaySequence.Ending.Completed.class);
        short[] recorded = SimRecordings.readWav(SimRecordings.wavs(sim).get(0)).samples();
        return new Played(startAt, r, told.get(), recorded);
    }

    @Test
    void aStartAFewMillisecondsLateDropsWhatItMissedAndPlaysInStep() throws Exception {
        play("warm-up", 50, false); // classes loaded: the sequence's own set-up then takes far less than 20 ms
        Played p = play("late-30", -30, true);

        // the content starts at the common instant: the first sample heard is the one due now
        assertThat(p.result().startedAtMs()).isEqualTo(p.toldStartedAt()).isEqualTo(p.startAt());
        int first = p.recorded()[0];
        assertThat(first).as("samples dropped: the stream was entered %s ms in", first * 1000 / RATE)
                .isGreaterThanOrEqualTo(30 * RATE / 1000).isLessThanOrEqualTo((int) (PlaySequence.CATCH_UP_MAX_US * RATE / 1_000_000));
        for (int i = 0; i < p.recorded().length; i++) {
            assertThat(p.recorded()[i]).isEqualTo((short) (first + i)); // nothing else is missing
        }
        assertThat(p.result().samplesPlayed()).isEqualTo(RATE / 2);
    }

    @Test
    void aPlanItemPlaysWholeEvenALittleLate() throws Exception {
        Played p = play("item-late-30", -30, false);

        assertThat(p.recorded()[0]).isZero();
        assertThat(p.recorded()).hasSize(RATE / 2);
        assertThat(p.result().startedAtMs()).isGreaterThanOrEqualTo(p.startAt() + 30);
    }

    @Test
    void aStartFarTooLatePlaysEverySampleAndSaysWhenItReallyStarted() throws Exception {
        Played p = play("late-400", -400, true);

        assertThat(p.recorded()[0]).isZero();
        assertThat(p.recorded()).hasSize(RATE / 2);
        assertThat(p.result().startedAtMs()).isGreaterThanOrEqualTo(p.startAt() + 400).isEqualTo(p.toldStartedAt());
    }

    @Test
    void anOnTimeStartIsTimedByTheCardAndDropsNothing() throws Exception {
        Played p = play("on-time", 150, true);

        assertThat(p.result().startedAtMs()).isEqualTo(p.toldStartedAt()).isEqualTo(p.startAt());
        // the card plays silence up to the instant: the content starts on it whole, whenever the thread woke
        assertThat(p.recorded()[0]).isZero();
        assertThat(p.recorded()).hasSize(RATE / 2);
        long firstSample = SimRecordings.find(SimRecordings.events(root.resolve("on-time").resolve("events.jsonl")),
                "audio start", 0).atMs();
        assertThat(firstSample).isBetween(p.startAt(), p.startAt() + 1);
    }
}
