package vn.loa.agent.config;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of a settings trial (docs/configuration.md#agent-settings): when the trial time is over, asks the
 * agent's I/O executor to roll back settings that have not connected ({@link ConfigAgent#trialExpired()}), again
 * every few seconds while something plays. Owns its one virtual thread; {@link #close()} stops it.
 */
public final class SettingsTrialWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SettingsTrialWatch.class);
    private static final Duration RETRY_WHILE_PLAYING = Duration.ofSeconds(5);

    private final Thread thread;

    private SettingsTrialWatch(Thread thread) {
        this.thread = thread;
    }

    public static SettingsTrialWatch start(long stationId, Duration limit, ExecutorService io, ConfigAgent configs) {
        return new SettingsTrialWatch(Thread.ofVirtual().name("settings-trial-" + stationId).start(() -> {
            try {
                Thread.sleep(limit);
                while (!io.submit(configs::trialExpired).get()) {
                    Thread.sleep(RETRY_WHILE_PLAYING);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.RejectedExecutionException e) {
                log.error("station {}: the settings trial could not finish: {}", stationId, e.toString());
            }
        }));
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
