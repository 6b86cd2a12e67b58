package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UninterruptedStopTest {

    @Test
    void anIdleExecutorStopsInTime() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.execute(() -> { });

        assertThat(UninterruptedStop.stop(executor, Duration.ofSeconds(10))).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    void runningWorkIsNeverInterruptedAndFinishesAfterAStopThatTimedOut() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.execute(() -> {
            running.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        });
        running.await();

        assertThat(UninterruptedStop.stop(executor, Duration.ofMillis(50))).isFalse();
        assertThat(executor.isShutdown()).isTrue();
        release.countDown();

        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void anInterruptedCallerGetsItsInterruptBackAndTheWorkIsLeftRunning() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.execute(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        running.await();

        Thread.currentThread().interrupt();
        boolean stopped = UninterruptedStop.stop(executor, Duration.ofSeconds(10));
        boolean flagged = Thread.interrupted();
        release.countDown();

        assertThat(stopped).isFalse();
        assertThat(flagged).isTrue();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }
}
