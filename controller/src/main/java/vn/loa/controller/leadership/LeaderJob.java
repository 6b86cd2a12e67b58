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
