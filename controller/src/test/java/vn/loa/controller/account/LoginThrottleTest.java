package vn.loa.controller.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.testsupport.FakeClock;

class LoginThrottleTest {
    @ParameterizedTest(name = "{0} failures, {1} free → {2} s")
    @CsvSource({"0,3,0", "3,3,0", "4,3,1", "5,3,2", "6,3,4", "8,3,16", "9,3,30", "50,3,30", "1000,3,30"})
    void theDelayDoublesAndIsCapped(int failures, int free, long seconds) {
        assertThat(LoginThrottle.delay(failures, free)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void anAddressWithoutRecentFailuresIsNeverDelayedEvenForAnAttackedUsername() {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < 100; i++) {
            t.failed("admin", "198.51.100.1");
        }
        assertThat(t.retryAfter("admin", "198.51.100.1")).contains(LoginThrottle.MAX_DELAY);
        assertThat(t.retryAfter("admin", "203.0.113.2")).isEmpty();
        assertThat(t.retryAfter("ADMIN", "198.51.100.1")).as("usernames are case-insensitive").isPresent();
        clock.advance(LoginThrottle.MAX_DELAY);
        assertThat(t.retryAfter("admin", "198.51.100.1")).as("a delay, never a lock").isEmpty();
    }

    @Test
    void anAddressSprayingUsernamesIsDelayedByItsOwnCount() {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            t.failed("user" + i, "198.51.100.1");
        }
        assertThat(t.retryAfter("someone", "198.51.100.1")).isEmpty();
        t.failed("user-x", "198.51.100.1");
        assertThat(t.retryAfter("someone", "198.51.100.1")).contains(Duration.ofSeconds(1));
        t.succeeded("someone", "198.51.100.1");
        assertThat(t.retryAfter("someone", "198.51.100.1")).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < 10; i++) {
            t.failed("admin", "198.51.100.1");
        }
        clock.advance(LoginThrottle.WINDOW);
        assertThat(t.retryAfter("admin", "198.51.100.1")).isEmpty();
        assertThat(t.prune()).isEqualTo(2);
    }
}
