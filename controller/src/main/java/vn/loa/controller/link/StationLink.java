package vn.loa.controller.link;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;

/**
 * One connected station agent, as the domain sees it: who it is, what its agent said about itself, and a
 * way to send it a message. One link per connection: a station that reconnects gets a new link.
 */
public interface StationLink {
    long stationId();

    String stationName();

    Instant connectedAt();

    /** The last time anything arrived from the station on this link. */
    Instant lastSeen();

    /** The station's latest heartbeat on this link (the default instance before the first). */
    Heartbeat lastHeartbeat();

    /** The plan version the station said it holds (in its Hello, then in each PlanAck). */
    String ackedPlanVersion();

    /** Whether the agent offered this capability in its Hello ({@code vn.loa.protocol.ProtocolVersion}). */
    boolean supports(String capability);

    /** The agent's warm-up plus relay settle, 0 when it did not say. */
    long startLeadMs();

    /** False once the connection has closed. */
    boolean isOpen();

    /**
     * Writes and flushes one message; thread-safe, never blocks. The stage completes once the message is
     * written to the socket, exceptionally when it could not be (the link closed).
     */
    CompletionStage<Void> send(Envelope message);

    /**
     * The event loop that does this link's I/O, as an executor: tasks posted to it run one at a time, in
     * order, on the thread that writes to the station (fan-out posts one task per loop, not per station).
     */
    Executor loop();
}
