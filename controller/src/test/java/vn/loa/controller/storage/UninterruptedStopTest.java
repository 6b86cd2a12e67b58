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

    /** Work that runs until released (as a long database call would), noting whether it was ever interrupted. */
    private static final class HeldWork implements Runnable {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        static HeldWork runningOn(ExecutorService executor) throws InterruptedException {
            HeldWork work = new HeldWork();
            executor.execute(work);
            work.running.await();
            return work;
        }

        @Override
        public void run() {
            running.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        }
    }

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
        HeldWork work = HeldWork.runningOn(executor);

        assertThat(UninterruptedStop.stop(executor, Duration.ofMillis(50))).isFalse();
        assertThat(executor.isShutdown()).isTrue();
        work.release.countDown();

        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(work.interrupted).isFalse();
    }

    @Test
    void anInterruptedCallerGetsItsInterruptBackAndTheWorkIsLeftRunning() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        HeldWork work = HeldWork.runningOn(executor);

        Thread.currentThread().interrupt();
        boolean stopped = UninterruptedStop.stop(executor, Duration.ofSeconds(10));
        boolean flagged = Thread.interrupted();
        work.release.countDown();

        assertThat(stopped).isFalse();
        assertThat(flagged).isTrue();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(work.interrupted).isFalse();
    }
}
