package vn.loa.controller.conformance;

import java.util.ArrayList;
import java.util.List;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.Reject;

/**
 * The conformance kit's judgements, pure: each takes what the kit sent and what the agent answered and returns
 * the problems found (empty: conforms), worded for the person who wrote the agent.
 */
final class AgentChecks {

    private AgentChecks() {
    }

    /** The first frame of a connection. */
    static List<String> hello(Envelope first) {
        List<String> problems = new ArrayList<>();
        if (first.getKindCase() != Envelope.KindCase.HELLO) {
            problems.add("the first frame must be a Hello, got " + first.getKindCase());
            return problems;
        }
        Hello h = first.getHello();
        if (h.getProtocolVersion() == 0) {
            problems.add("Hello.protocol_version is 0");
        } else if (ProtocolVersion.negotiate(h.getMinProtocolVersion(), h.getProtocolVersion()).isEmpty()) {
            problems.add("Hello offers versions " + h.getMinProtocolVersion() + ".." + h.getProtocolVersion()
                    + ", none of which the controller speaks (" + ProtocolVersion.MINIMUM + ".." + ProtocolVersion.CURRENT + ")");
        }
        if (h.getStationId() == 0 && h.getSecret().isEmpty()) {
            problems.add("Hello names no station_id (needed on plain TCP, with the secret)");
        }
        if (!h.getSecret().isEmpty() && h.getStationId() == 0) {
            problems.add("Hello carries a secret but no station_id");
        }
        return problems;
    }

    /** A TimeRequest: t0 must be set, the agent's clock in microseconds. */
    static List<String> timeRequest(Envelope e) {
        return e.getTimeRequest().getAgentSentUs() > 0 ? List.of()
                : List.of("TimeRequest.agent_sent_us (t0) is not set");
    }

    /** The answer to a PlanSync. */
    static List<String> planAck(String sentVersion, Envelope ack) {
        if (!ack.getPlanAck().getVersion().equals(sentVersion)) {
            return List.of("PlanAck names version '" + ack.getPlanAck().getVersion() + "', the PlanSync was '"
                    + sentVersion + "'");
        }
        return List.of();
    }

    /** A request for a file the agent holds {@code heldBytes} of. */
    static List<String> fileRequest(String sha256, long heldBytes, Envelope e) {
        List<String> problems = new ArrayList<>();
        FileRequest r = e.getFileRequest();
        if (!r.getSha256().equals(sha256)) {
            problems.add("FileRequest asks for " + r.getSha256() + ", the plan's audio is " + sha256
                    + " (lower-case hex)");
        }
        if (r.getOffset() != heldBytes) {
            problems.add("FileRequest.offset is " + r.getOffset() + ", the agent holds " + heldBytes + " bytes of it"
                    + (heldBytes > 0 ? " (resume from the bytes held)" : ""));
        }
        return problems;
    }

    /**
     * The statuses of one announcement, in the order received: RECEIVING, then PLAYING, then DONE, each naming
     * the broadcast; FAILED is a failure.
     */
    static List<String> broadcast(long broadcastId, List<BroadcastStatus> statuses) {
        List<String> problems = new ArrayList<>();
        List<BroadcastStatus.State> seen = new ArrayList<>();
        for (BroadcastStatus s : statuses) {
            if (s.getBroadcastId() != broadcastId) {
                problems.add("BroadcastStatus names broadcast " + s.getBroadcastId() + ", expected " + broadcastId);
            }
            if (s.getState() == BroadcastStatus.State.FAILED) {
                problems.add("the agent reported FAILED: " + s.getReason());
            }
            seen.add(s.getState());
        }
        List<BroadcastStatus.State> expected = List.of(BroadcastStatus.State.RECEIVING, BroadcastStatus.State.PLAYING,
                BroadcastStatus.State.DONE);
        if (!seen.equals(expected) && problems.isEmpty()) {
            problems.add("statuses " + seen + ", expected " + expected);
        }
        return problems;
    }

    /** The final answer to a command (ACCEPTED may come before it). */
    static List<String> commandResult(String commandId, CommandResult r) {
        List<String> problems = new ArrayList<>();
        if (!r.getCommandId().equals(commandId)) {
            problems.add("CommandResult.command_id is '" + r.getCommandId() + "', the Command's was '" + commandId + "'");
        }
        if (r.getStatus() == CommandResult.Status.STATUS_UNSPECIFIED) {
            problems.add("CommandResult.status is not set");
        }
        return problems;
    }

    /** Whether a CommandResult ends the command (anything but ACCEPTED). */
    static boolean isFinal(CommandResult r) {
        return r.getStatus() != CommandResult.Status.ACCEPTED;
    }

    /**
     * How the agent answered a frame it must refuse: it must close the link; {@code reject} is the Reject it sent
     * before closing, if any (optional, but when sent it must carry {@code expected}).
     */
    static List<String> refusal(Reject.Code expected, Reject reject, boolean closed) {
        List<String> problems = new ArrayList<>();
        if (!closed) {
            problems.add("the agent kept the connection open");
        }
        if (expected != null && reject != null && reject.getCode() != expected) {
            problems.add("the agent's Reject has code " + reject.getCode() + ", expected " + expected);
        }
        return problems;
    }
}
