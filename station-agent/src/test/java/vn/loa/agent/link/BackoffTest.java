package vn.loa.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Redial delays: doubling up to the cap, jittered in [d/2, d], back to the minimum after a good connection. */
class BackoffTest {
    /** Always the lowest (or highest) delay the jitter allows. */
    private static RandomGenerator extreme(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long origin, long bound) {
                return highest ? bound - 1 : origin;
            }
        };
    }

    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelayMs());
        }
        return out;
    }

    @Test
    void doublesUpToTheCap() {
        Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), extreme(true));
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), extreme(false));

        assertThat(delays(high, 9)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16_000L, 30_000L, 30_000L, 30_000L);
        assertThat(delays(low, 9)).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 15_000L, 15_000L, 15_000L);
    }

    @Test
    void theJitterStaysWithinHalfToTheWholeDelay() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.of("L64X128MixRandom"));
        for (int i = 0; i < 1_000; i++) {
            long bound = b.currentMs();
            assertThat(b.nextDelayMs()).isBetween(bound / 2, bound);
            if (i % 10 == 9) {
                b.reset();
            }
        }
    }

    @Test
    void aGoodConnectionStartsOverFromTheMinimumAndARefusalWaitsTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), extreme(true));
        delays(b, 5);
        assertThat(b.currentMs()).isEqualTo(16_000);

        b.reset();
        assertThat(b.nextDelayMs()).isEqualTo(500);

        b.toMaximum();
        assertThat(b.nextDelayMs()).isEqualTo(30_000);
    }

    @Test
    void aZeroMinimumRedialsAtOnceEveryTime() {
        Backoff b = new Backoff(Duration.ZERO, Duration.ofSeconds(1), extreme(true));
        assertThat(delays(b, 3)).containsExactly(0L, 0L, 0L);
    }
}
