package vn.loa.protocol.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetFilterTest {

    @Test
    void sampleMathsOfASymmetricPath() {
        // controller is 1000 us ahead; 200 us each way; 50 us processing
        long t0 = 10_000;
        long t1 = t0 + 200 + 1000;
        long t2 = t1 + 50;
        long t3 = t2 - 1000 + 200;
        ClockSample s = ClockSample.of(t0, t1, t2, t3);
        assertThat(s.offsetUs()).isEqualTo(1000);
        assertThat(s.rttUs()).isEqualTo(400);
    }

    @Test
    void unknownUntilEnoughSamples() {
        OffsetFilter f = new OffsetFilter(10, 3);
        f.add(new ClockSample(5, 10));
        f.add(new ClockSample(5, 10));
        assertThat(f.offsetUs()).isEmpty();
        f.add(new ClockSample(5, 10));
        assertThat(f.offsetUs()).hasValue(5);
    }

    @Test
    void slowAsymmetricSamplesDoNotPullTheOffset() {
        OffsetFilter f = new OffsetFilter(9, 3);
        for (int i = 0; i < 6; i++) {
            f.add(new ClockSample(100 + i, 300));
        }
        f.add(new ClockSample(90_000, 200_000));
        f.add(new ClockSample(-90_000, 200_000));
        f.add(new ClockSample(50_000, 150_000));
        assertThat(f.offsetUs().getAsLong()).isBetween(100L, 105L);
    }

    @Test
    void keepsOnlyTheMostRecent() {
        OffsetFilter f = new OffsetFilter(3, 1);
        f.add(new ClockSample(1, 1));
        f.add(new ClockSample(2, 1));
        f.add(new ClockSample(3, 1));
        f.add(new ClockSample(4, 1));
        assertThat(f.size()).isEqualTo(3);
        assertThat(f.offsetUs()).hasValue(3);
    }
}
