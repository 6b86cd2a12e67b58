package vn.loa.controller.leadership;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the leader's jobs: every periodic or once-only job of the controller is registered
 * here at wiring time and started, in order, when this node becomes leader; stopped, in reverse order,
 * when it stops leading or the controller stops. Nothing of it runs on a standby.
 */
public final class LeaderJobs {
    private static final Logger log = LoggerFactory.getLogger(LeaderJobs.class);

    private final List<LeaderJob> jobs = new ArrayList<>();
    private final List<LeaderJob> running = new ArrayList<>();
    /** Stopped for good: a job that is not restartable is never started or stopped again once stopped. */
    private final List<LeaderJob> finished = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    public LeaderJobs add(LeaderJob job) {
        lock.lock();
        try {
            jobs.add(job);
            return this;
        } finally {
            lock.unlock();
        }
    }

    public LeaderJobs add(String name, Runnable start, Runnable stop) {
        return add(LeaderJob.of(name, start, stop));
    }

    /** A job that may start again after a stop ({@link LeaderJob#restartable}). */
    public LeaderJobs addRestartable(String name, Runnable start, Runnable stop) {
        return add(LeaderJob.restartable(name, start, stop));
    }

    /** True when every job may start again after a stop: a node that lost the lease can stand by in-process. */
    public boolean allRestartable() {
        lock.lock();
        try {
            return jobs.stream().allMatch(LeaderJob::restartable);
        } finally {
            lock.unlock();
        }
    }

    /** Starts every job not running yet, in the order they were added. */
    public void startAll() {
        lock.lock();
        try {
            for (LeaderJob job : jobs) {
                if (!running.contains(job) && !finished.contains(job)) {
                    job.start();
                    running.add(job);
                    log.debug("leader job started: {}", job.name());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops every running job, last started first; a job that fails to stop does not keep the others running. */
    public void stopAll() {
        lock.lock();
        try {
            for (int i = running.size() - 1; i >= 0; i--) {
                stop(running.remove(i));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The controller stops: the running jobs stop, and the ones never started free their threads. */
    public void closeAll() {
        lock.lock();
        try {
            List<LeaderJob> wasRunning = new ArrayList<>(running);
            stopAll();
            finished.addAll(wasRunning);
            for (int i = jobs.size() - 1; i >= 0; i--) {
                LeaderJob job = jobs.get(i);
                if (!finished.contains(job)) {
                    stop(job);
                    finished.add(job);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void stop(LeaderJob job) {
        if (!job.restartable()) {
            finished.add(job);
        }
        try {
            job.stop();
            log.debug("leader job stopped: {}", job.name());
        } catch (RuntimeException e) {
            log.error("leader job '{}' failed to stop: {}", job.name(), e.toString(), e);
        }
    }

    /** The names of the jobs running now, in start order. */
    public List<String> running() {
        lock.lock();
        try {
            return running.stream().map(LeaderJob::name).toList();
        } finally {
            lock.unlock();
        }
    }
}
