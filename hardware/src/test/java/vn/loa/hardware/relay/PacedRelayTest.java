package vn.loa.hardware.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.loa.testsupport.FakeClock;

class PacedRelayTest {
    /** Records each switch with the (fake) time it happened. */
    static final class RecordingRelay implements Relay {
        final List<String> switches = new ArrayList<>();
        final FakeClock clock;
        boolean on;

        RecordingRelay(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public String describe() {
            return "test relay";
        }

        @Override
        public String device() {
            return "test";
        }

        @Override
        public void set(boolean on) {
            switches.add(clock.millis() + ":" + (on ? "on" : "off"));
            this.on = on;
        }

        @Override
        public boolean isOn() {
            return on;
        }

        @Override
        public Optional<Boolean> readBack() {
            return Optional.empty();
        }
    }

    @Test
    void aSwitchRequestedSoonerThanTheIntervalWaitsForIt() throws Exception {
        FakeClock clock = new FakeClock(1000);
        RecordingRelay relay = new RecordingRelay(clock);
        PacedRelay paced = new PacedRelay(relay, Duration.ofMillis(200), clock, clock::advance);

        paced.set(true); // first switch: at once
        clock.advance(Duration.ofMillis(50));
        paced.set(false); // 50 ms later: waits 150 ms
        clock.advance(Duration.ofMillis(500));
        paced.set(true); // long after: at once
        paced.set(true); // same state: no wait, no switch counted

        assertThat(relay.switches).containsExactly("1000:on", "1200:off", "1700:on", "1700:on");
    }

    @Test
    void aClockJumpingBackNeverWaitsLongerThanTheInterval() throws Exception {
        FakeClock clock = new FakeClock(1_000_000);
        RecordingRelay relay = new RecordingRelay(clock);
        PacedRelay paced = new PacedRelay(relay, Duration.ofMillis(200), clock, clock::advance);
        paced.set(true);
        clock.advance(Duration.ofMillis(-60_000)); // the station clock was corrected backwards
        long before = clock.millis();
        paced.set(false);
        assertThat(clock.millis() - before).isEqualTo(200);
    }
}
