package vn.loa.agent.arbiter;

/** What interrupted a stream. */
public sealed interface Cause {
    /** How play reports name the interrupter: {@code b<id>} for an announcement, else the plan item's id. */
    String label();

    /** An announcement of strictly higher priority. */
    record ByAnnouncement(long broadcastId) implements Cause {
        @Override
        public String label() {
            return "b" + broadcastId;
        }
    }

    /** A scheduled item of strictly higher priority (e.g. a PRIORITY bulletin during a NORMAL one). */
    record ByItem(String itemId) implements Cause {
        @Override
        public String label() {
            return itemId;
        }
    }

    /** A scheduled item with hard time CUT, of equal or higher priority. */
    record CutBy(String itemId) implements Cause {
        @Override
        public String label() {
            return itemId;
        }
    }

    /** The announcement was stopped by its sender ({@code BroadcastStop}). */
    record Cancelled(String reason) implements Cause {
        @Override
        public String label() {
            return reason;
        }
    }

    /**
     * The station was handed to the local mixer (local mode: a switch at the station or a command,
     * docs/hardware.md#local-mode).
     */
    record LocalMode() implements Cause {
        @Override
        public String label() {
            return "LOCAL_MODE";
        }
    }
}
