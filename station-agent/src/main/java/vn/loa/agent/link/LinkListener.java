package vn.loa.agent.link;

import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReportAck;
import vn.loa.protocol.v1.Welcome;

/** What the link hands to the rest of the agent. Called on the link's event loop: never block. */
public interface LinkListener {
    void connected(Welcome welcome);

    void disconnected();

    void planReceived(PlanSync plan, long requestId);

    void fileChunk(FileChunk chunk);

    void fileError(FileError error);

    void reportsAcknowledged(PlayReportAck ack);

    void clockSample(long t0, long t1, long t2, long t3);

    /** BroadcastStart, BroadcastAudio, BroadcastEnd or BroadcastStop. */
    void broadcast(vn.loa.protocol.v1.Envelope envelope);

    /** A remote command from a technician; the answer goes back as CommandResult. */
    void command(vn.loa.protocol.v1.Command command);

    /** The controller stored a batch of health recorded while offline (docs/resilience.md). */
    default void healthHistoryAcknowledged(vn.loa.protocol.v1.HealthHistoryAck ack, long refersTo) {
    }

    /** The controller's release-signing key (ota.v1, docs/updates.md). */
    default void releaseKey(vn.loa.protocol.v1.ReleaseKey key) {
    }

    /** A release to fetch, verify and install when idle (ota.v1, docs/updates.md). */
    default void updateOffer(vn.loa.protocol.v1.UpdateOffer offer) {
    }

    /** A hardware file to apply when idle (config.v1, docs/configuration.md). */
    default void configPush(vn.loa.protocol.v1.ConfigPush push) {
    }
}
