package vn.loa.controller.leadership;

/**
 * A periodic or once-only job that only the leader runs (the planner, the announcement tracker, the
 * broadcast pacer, relays, health checks and roll-ups, command deadlines, expiries…): started when this
 * node takes the lease over, stopped when it loses it.
 */
public interface LeaderJob {
    String name();

    void start();

    /** Stops what the job runs and frees its threads; called once, also for a job that never started. */
    void stop();

    /**
     * True when {@link #start} may follow {@link #stop} (each start makes the job's threads anew): a node
     * whose jobs are all restartable stands by in its process after it lost the lease, and may lead again.
     * Its {@link #stop} may then be called more than once, and when it does not run (it does nothing then).
     */
    default boolean restartable() {
        return false;
    }

    /** A job that starts again after a stop: {@code start} makes its threads, {@code stop} ends them. */
    static LeaderJob restartable(String name, Runnable start, Runnable stop) {
        LeaderJob job = of(name, start, stop);
        return new LeaderJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                job.start();
            }

            @Override
            public void stop() {
                job.stop();
            }

            @Override
            public boolean restartable() {
                return true;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    static LeaderJob of(String name, Runnable start, Runnable stop) {
        return new LeaderJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
