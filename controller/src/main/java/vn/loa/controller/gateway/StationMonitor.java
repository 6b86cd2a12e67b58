package vn.loa.controller.gateway;

import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Heartbeat;

/**
 * Where the gateway hands what stations say about themselves: heartbeats (health) and the results of
 * remote commands. Called on the station's event loop: implementations hand work to the blocking
 * executor and return at once.
 */
public interface StationMonitor {
    void heartbeat(StationSession session, Heartbeat heartbeat);

    void commandResult(StationSession session, CommandResult result);

    static StationMonitor of(java.util.function.BiConsumer<StationSession, Heartbeat> heartbeats,
            java.util.function.BiConsumer<StationSession, CommandResult> results) {
        return new StationMonitor() {
            @Override
            public void heartbeat(StationSession session, Heartbeat heartbeat) {
                heartbeats.accept(session, heartbeat);
            }

            @Override
            public void commandResult(StationSession session, CommandResult result) {
                results.accept(session, result);
            }
        };
    }

    /** Ignores everything (tools and tests that do not monitor). */
    StationMonitor NONE = new StationMonitor() {
        @Override
        public void heartbeat(StationSession session, Heartbeat heartbeat) {
        }

        @Override
        public void commandResult(StationSession session, CommandResult result) {
        }
    };
}
