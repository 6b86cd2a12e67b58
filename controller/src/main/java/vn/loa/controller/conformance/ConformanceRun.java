package vn.loa.controller.conformance;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.BroadcastAudio;
import vn.loa.protocol.v1.BroadcastEnd;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FetchLog;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Priority;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.Welcome;

/**
 * Plays the controller's side of docs/protocol.md against one agent, step by step ({@link Step}), and reports
 * each step. The judgements are {@link AgentChecks}; this class only sends, waits and records. A step that
 * needs a connection the agent did not make, or a capability it did not offer, is skipped with the reason.
 * Runs on the caller's thread; every wait is bounded by {@code stepTimeout}.
 */
public final class ConformanceRun {
    /** Heartbeats every second so that the clock step does not wait long. */
    static final int HEARTBEAT_MS = 1000;
    /** A frame that is not a protobuf Envelope: length 3, then a field tag with wire type 7 (invalid). */
    static final byte[] MALFORMED_FRAME = {3, (byte) 0x0F, (byte) 0xFF, (byte) 0xFF};
    /** An Envelope whose only field is number 15 (a kind no version defines), length-delimited and empty. */
    static final byte[] UNKNOWN_KIND_FRAME = {2, (byte) 0x7A, 0};

    private final ConformanceServer server;
    private final Clock clock;
    private final Duration stepTimeout;
    private final List<Long> zones;
    private final KitAudio audio = KitAudio.tone(1000);
    private final Map<Step, StepResult> results = new EnumMap<>(Step.class);
    private AgentSession session;
    private List<String> shared = List.of();
    private String planVersion;
    private Hello lastHello;
    private long requestIds = 1;

    /**
     * @param zones the station's zone ids that the plan item and the announcement target (at least one: an
     *              announcement to no zone fails with ZONES_FAILED)
     */
    public ConformanceRun(ConformanceServer server, Clock clock, Duration stepTimeout, List<Long> zones) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("name at least one zone of the station (--zone ID)");
        }
        this.server = server;
        this.clock = clock;
        this.stepTimeout = stepTimeout;
        this.zones = List.copyOf(zones);
    }

    /** Runs every step against the agent that dials the server, then closes its connection. */
    public ConformanceReport run() throws InterruptedException {
        try {
            if (!connect(Step.HELLO)) {
                return report();
            }
            clockStep();
            planAndTransfer();
            announcement();
            command();
            refusal(Step.MALFORMED_FRAME, MALFORMED_FRAME, null);
            refusal(Step.UNKNOWN_KIND, UNKNOWN_KIND_FRAME, Reject.Code.UNKNOWN_MESSAGE);
            return report();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private ConformanceReport report() {
        List<StepResult> out = new ArrayList<>();
        for (Step s : Step.values()) {
            out.add(results.getOrDefault(s, StepResult.skipped(s, "not run: an earlier step failed")));
        }
        return new ConformanceReport(out);
    }

    /** Takes the next connection, checks its Hello and answers a Welcome; records a failure under {@code step}. */
    private boolean connect(Step step) throws InterruptedException {
        if (session != null) {
            session.close();
        }
        Optional<AgentSession> next = server.nextSession(stepTimeout);
        if (next.isEmpty()) {
            results.put(step, StepResult.failed(step, "the agent did not connect within " + stepTimeout.toSeconds() + " s"));
            return false;
        }
        session = next.get();
        Optional<Envelope> first = session.next(e -> true, stepTimeout);
        if (first.isEmpty()) {
            results.put(step, StepResult.failed(step, "no Hello within " + stepTimeout.toSeconds() + " s of connecting"));
            return false;
        }
        List<String> problems = AgentChecks.hello(first.get());
        if (!problems.isEmpty()) {
            results.put(step, StepResult.failed(step, String.join("; ", problems)));
            return false;
        }
        Hello hello = first.get().getHello();
        shared = hello.getCapabilitiesList().stream().filter(ProtocolVersion.CAPABILITIES::contains)
                .filter(c -> !c.equals(ProtocolVersion.CAP_HEALTH_HISTORY_V1)).toList();
        session.send(Envelope.newBuilder().setRefersTo(first.get().getRequestId()).setWelcome(Welcome.newBuilder()
                .setProtocolVersion(ProtocolVersion.negotiate(hello.getMinProtocolVersion(), hello.getProtocolVersion())
                        .getAsInt())
                .addAllCapabilities(shared).setStationName("conformance").setServerTimeMs(clock.millis())
                .setHeartbeatIntervalMs(HEARTBEAT_MS).setMaxFrameBytes(ProtocolVersion.DEFAULT_MAX_FRAME_BYTES)).build());
        if (step == Step.HELLO) {
            results.put(step, StepResult.passed(step, "station " + hello.getStationId() + ", version "
                    + hello.getProtocolVersion() + ", capabilities " + hello.getCapabilitiesList()));
        }
        lastHello = hello;
        return true;
    }

    private void clockStep() throws InterruptedException {
        Optional<Envelope> request = session.next(Envelope.KindCase.TIME_REQUEST, stepTimeout);
        if (request.isEmpty()) {
            fail(Step.CLOCK, "no TimeRequest within " + stepTimeout.toSeconds() + " s of the Welcome");
            return;
        }
        List<String> problems = AgentChecks.timeRequest(request.get());
        if (!problems.isEmpty()) {
            fail(Step.CLOCK, String.join("; ", problems));
            return;
        }
        Optional<Envelope> synced = session.next(e -> e.hasHeartbeat() && e.getHeartbeat().getClockSynchronised(),
                stepTimeout);
        if (synced.isEmpty()) {
            fail(Step.CLOCK, "no Heartbeat with clock_synchronised within " + stepTimeout.toSeconds() + " s");
            return;
        }
        results.put(Step.CLOCK, StepResult.passed(Step.CLOCK, "synchronised, offset "
                + synced.get().getHeartbeat().getClockOffsetUs() + " µs"));
    }

    private void planAndTransfer() throws InterruptedException {
        planVersion = "conformance-" + UUID.randomUUID();
        long requestId = requestIds++;
        // an hour ahead: the item is stored and its audio fetched, but it never plays during the run
        long at = clock.millis() + 3_600_000;
        session.send(Envelope.newBuilder().setRequestId(requestId).setPlanSync(PlanSync.newBuilder()
                .setVersion(planVersion).setGeneratedAtMs(clock.millis()).setHorizonUntilMs(at + 60_000)
                .addItems(PlanItem.newBuilder().setItemId("conformance-1").setScheduleId(1).setBulletinId(1)
                        .setTitle("Conformance").setMediaSha256(audio.sha256()).setMediaSize(audio.lop().length)
                        .setDurationMs(1000).setPlannedAtMs(at).setPriority(Priority.NORMAL).addAllZoneIds(zones))).build());
        Optional<Envelope> ack = session.next(Envelope.KindCase.PLAN_ACK, stepTimeout);
        if (ack.isEmpty()) {
            fail(Step.PLAN, "no PlanAck within " + stepTimeout.toSeconds() + " s of the PlanSync");
        } else {
            List<String> problems = AgentChecks.planAck(planVersion, ack.get());
            results.put(Step.PLAN, problems.isEmpty() ? StepResult.passed(Step.PLAN, "acknowledged " + planVersion)
                    : StepResult.failed(Step.PLAN, String.join("; ", problems)));
        }
        Optional<Envelope> request = session.next(Envelope.KindCase.FILE_REQUEST, stepTimeout);
        if (request.isEmpty()) {
            fail(Step.FILE_TRANSFER, "no FileRequest for the plan's audio within " + stepTimeout.toSeconds() + " s");
            return;
        }
        List<String> problems = AgentChecks.fileRequest(audio.sha256(), 0, request.get());
        if (!problems.isEmpty()) {
            fail(Step.FILE_TRANSFER, String.join("; ", problems));
            return;
        }
        int half = audio.lop().length / 2;
        session.send(chunk(request.get(), 0, half, false));
        results.put(Step.FILE_TRANSFER, StepResult.passed(Step.FILE_TRANSFER, "requested " + audio.sha256()
                + " from byte 0; sent " + half + " of " + audio.lop().length + " bytes, then dropped the link"));
        // the agent must have written what it got before the link drops; give it the time of one heartbeat
        session.next(e -> false, Duration.ofMillis(HEARTBEAT_MS));
        resume(half);
    }

    private void resume(int held) throws InterruptedException {
        session.close();
        if (!connect(Step.FILE_RESUME)) {
            return;
        }
        if (!lastHello.getPlanVersion().equals(planVersion)) {
            fail(Step.FILE_RESUME, "after redialling, Hello.plan_version is '" + lastHello.getPlanVersion()
                    + "', not the stored plan '" + planVersion + "'");
            return;
        }
        Optional<Envelope> request = session.next(Envelope.KindCase.FILE_REQUEST, stepTimeout);
        if (request.isEmpty()) {
            fail(Step.FILE_RESUME, "no FileRequest for the unfinished audio within " + stepTimeout.toSeconds() + " s");
            return;
        }
        List<String> problems = AgentChecks.fileRequest(audio.sha256(), held, request.get());
        if (!problems.isEmpty()) {
            fail(Step.FILE_RESUME, String.join("; ", problems));
            return;
        }
        session.send(chunk(request.get(), held, audio.lop().length - held, true));
        results.put(Step.FILE_RESUME, StepResult.passed(Step.FILE_RESUME, "resumed at byte " + held));
    }

    private Envelope chunk(Envelope request, int offset, int length, boolean last) {
        return Envelope.newBuilder().setRefersTo(request.getRequestId()).setFileChunk(FileChunk.newBuilder()
                .setSha256(audio.sha256()).setOffset(offset).setTotalSize(audio.lop().length)
                .setData(com.google.protobuf.ByteString.copyFrom(audio.lop(), offset, length)).setLast(last)).build();
    }

    private void announcement() throws InterruptedException {
        if (!shared.contains(ProtocolVersion.CAP_BROADCAST_V1)) {
            results.put(Step.ANNOUNCEMENT, StepResult.skipped(Step.ANNOUNCEMENT, "the agent did not offer broadcast.v1"));
            return;
        }
        long id = 1_000 + requestIds++;
        session.send(Envelope.newBuilder().setBroadcastStart(BroadcastStart.newBuilder().setBroadcastId(id)
                .setTitle("Conformance").setPriority(Priority.PRIORITY).addAllZoneIds(zones).setStartAtMs(clock.millis() + 1500)
                .setRepeat(1).setSampleRate(24_000).setChannels(1).setFrameSamples(480).setPreSkip(audio.preSkip())
                .setTotalSamples(audio.totalSamples())).build());
        for (int seq = 0; seq < audio.packets().size(); seq++) {
            session.send(Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(id)
                    .setSeq(seq).setPacket(com.google.protobuf.ByteString.copyFrom(audio.packets().get(seq)))).build());
        }
        session.send(Envelope.newBuilder().setBroadcastEnd(BroadcastEnd.newBuilder().setBroadcastId(id)
                .setTotalPackets(audio.packets().size())).build());
        List<BroadcastStatus> statuses = new ArrayList<>();
        while (statuses.isEmpty() || !isFinal(statuses.getLast())) {
            Optional<Envelope> s = session.next(Envelope.KindCase.BROADCAST_STATUS, stepTimeout);
            if (s.isEmpty()) {
                fail(Step.ANNOUNCEMENT, "statuses so far " + statuses.stream().map(BroadcastStatus::getState).toList()
                        + ", then nothing for " + stepTimeout.toSeconds() + " s");
                return;
            }
            statuses.add(s.get().getBroadcastStatus());
        }
        List<String> problems = AgentChecks.broadcast(id, statuses);
        results.put(Step.ANNOUNCEMENT, problems.isEmpty()
                ? StepResult.passed(Step.ANNOUNCEMENT, "broadcast " + id + ": RECEIVING, PLAYING, DONE")
                : StepResult.failed(Step.ANNOUNCEMENT, String.join("; ", problems)));
    }

    private static boolean isFinal(BroadcastStatus s) {
        return s.getState() == BroadcastStatus.State.DONE || s.getState() == BroadcastStatus.State.FAILED;
    }

    private void command() throws InterruptedException {
        if (!shared.contains(ProtocolVersion.CAP_COMMAND_V1)) {
            results.put(Step.COMMAND, StepResult.skipped(Step.COMMAND, "the agent did not offer command.v1"));
            return;
        }
        String commandId = "conformance-" + requestIds++;
        session.send(Envelope.newBuilder().setCommand(Command.newBuilder().setCommandId(commandId)
                .setFetchLog(FetchLog.newBuilder().setMaxLines(10))).build());
        Optional<Envelope> result = session.next(e -> e.hasCommandResult() && AgentChecks.isFinal(e.getCommandResult()),
                stepTimeout);
        if (result.isEmpty()) {
            fail(Step.COMMAND, "no final CommandResult within " + stepTimeout.toSeconds() + " s");
            return;
        }
        CommandResult r = result.get().getCommandResult();
        List<String> problems = AgentChecks.commandResult(commandId, r);
        results.put(Step.COMMAND, problems.isEmpty()
                ? StepResult.passed(Step.COMMAND, "FetchLog answered " + r.getStatus())
                : StepResult.failed(Step.COMMAND, String.join("; ", problems)));
    }

    /** Sends a frame the agent must refuse, then expects it to close; then waits for it to redial. */
    private void refusal(Step step, byte[] frame, Reject.Code expected) throws InterruptedException {
        if (session == null || !session.isOpen()) {
            if (!connect(step)) {
                return;
            }
        }
        session.sendRaw(frame);
        Optional<Envelope> reject = session.next(Envelope.KindCase.REJECT, stepTimeout);
        boolean closed = session.awaitClosed(reject.isPresent() ? stepTimeout : Duration.ZERO);
        List<String> problems = AgentChecks.refusal(expected, reject.map(Envelope::getReject).orElse(null), closed);
        results.put(step, problems.isEmpty()
                ? StepResult.passed(step, reject.map(r -> "Reject " + r.getReject().getCode() + ", then closed")
                        .orElse("closed"))
                : StepResult.failed(step, String.join("; ", problems)));
        session.close();
        session = null;
    }

    private void fail(Step step, String detail) {
        results.put(step, StepResult.failed(step, detail));
    }
}
