package vn.loa.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.clock.StationClock;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileChunk;
import vn.loa.protocol.v1.FileError;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReportAck;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeResponse;
import vn.loa.protocol.v1.Welcome;

/**
 * The agent's side of one connection on an {@link EmbeddedChannel} whose time is frozen and moved by
 * hand: the Hello, the timers after the Welcome, the reader-idle close, the backoff reset by a good
 * connection and raised by a refusal, and requests that time out when no answer comes.
 */
class LinkHandlerTest {
    private static final LinkSettings SETTINGS = new LinkSettings("controller.test", 7070, 42, "s3cret", null, 600,
            Duration.ofMillis(500), Duration.ofSeconds(30), java.util.List.of());

    @TempDir
    Path dir;

    private EmbeddedChannel channel;
    private final Recorder listener = new Recorder();
    private final AtomicLong requestIds = new AtomicLong();
    private final List<Channel> welcomed = new ArrayList<>();
    private Backoff backoff;
    private PendingRequests pending;

    /** What the link handed to the rest of the agent. */
    private static final class Recorder implements LinkListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void connected(Welcome welcome) {
            calls.add("connected " + welcome.getStationName());
        }

        @Override
        public void disconnected() {
            calls.add("disconnected");
        }

        @Override
        public void planReceived(PlanSync plan, long requestId) {
            calls.add("plan " + plan.getVersion());
        }

        @Override
        public void fileChunk(FileChunk chunk) {
            calls.add("chunk " + chunk.getOffset());
        }

        @Override
        public void fileError(FileError error) {
            calls.add("file error");
        }

        @Override
        public void reportsAcknowledged(PlayReportAck ack) {
            calls.add("ack");
        }

        @Override
        public void clockSample(long t0, long t1, long t2, long t3) {
            calls.add("clock sample");
        }

        @Override
        public void broadcast(Envelope envelope) {
            calls.add("broadcast");
        }

        @Override
        public void command(Command command) {
            calls.add("command");
        }
    }

    /** A connection that has just become active, its time frozen. */
    private void connect() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        backoff = new Backoff(SETTINGS.reconnectMin(), SETTINGS.reconnectMax(), RandomGenerator.of("L64X128MixRandom"));
        pending = new PendingRequests(channel.eventLoop());
        StationClock clock = new StationClock(Clock.systemUTC(), dir, () -> "boot-1");
        LinkHandler handler = new LinkHandler(SETTINGS, "0.2.0", clock, listener,
                () -> Heartbeat.newBuilder().setUptimeMs(1), () -> "plan-v1", requestIds::incrementAndGet, backoff,
                pending, null, welcomed::add);
        channel.pipeline().addLast(new IdleStateHandler(LinkHandler.READER_IDLE_SECONDS, 0, 0, TimeUnit.SECONDS), handler);
        channel.pipeline().fireChannelActive();
    }

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void advance(Duration d) {
        channel.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private List<Envelope> sent() {
        List<Envelope> out = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            out.add((Envelope) m);
        }
        return out;
    }

    private void welcome() {
        channel.writeInbound(Envelope.newBuilder().setRefersTo(1).setWelcome(Welcome.newBuilder()
                .setStationName("Đội Cấn").setHeartbeatIntervalMs(10_000)).build());
    }

    @Test
    void saysHelloWithItsIdentityPlanAndStartLead() {
        connect();

        List<Envelope> sent = sent();
        assertThat(sent).hasSize(1);
        Envelope hello = sent.get(0);
        assertThat(hello.getRequestId()).isEqualTo(1);
        assertThat(hello.getHello().getStationId()).isEqualTo(42);
        assertThat(hello.getHello().getSecret()).as("plain TCP: the secret").isEqualTo("s3cret");
        assertThat(hello.getHello().getPlanVersion()).isEqualTo("plan-v1");
        assertThat(hello.getHello().getStartLeadMs()).isEqualTo(600);
        assertThat(hello.getHello().getAgentVersion()).isEqualTo("0.2.0");
    }

    @Test
    void afterTheWelcomeTheClockIsExchangedInABurstThenEveryFiveSecondsAndTheHeartbeatRuns() {
        connect();
        sent();
        backoff.nextDelayMs();
        backoff.nextDelayMs();

        welcome();

        assertThat(welcomed).containsExactly(channel);
        assertThat(listener.calls).containsExactly("connected Đội Cấn");
        assertThat(backoff.currentMs()).as("a good connection resets the backoff").isEqualTo(500);
        advance(Duration.ofMillis(CLOCK_BURST_END_MS));
        List<Envelope> burst = sent();
        assertThat(burst.stream().filter(Envelope::hasTimeRequest)).hasSize(LinkHandler.CLOCK_BURST);
        assertThat(burst.stream().filter(Envelope::hasHeartbeat)).hasSize(1);

        advance(Duration.ofMillis(LinkHandler.CLOCK_INTERVAL_MS));
        assertThat(sent().stream().filter(Envelope::hasTimeRequest)).hasSize(1);
        advance(Duration.ofSeconds(10));
        assertThat(sent()).filteredOn(Envelope::hasHeartbeat).hasSize(1);
    }

    private static final long CLOCK_BURST_END_MS = (LinkHandler.CLOCK_BURST - 1) * LinkHandler.CLOCK_BURST_SPACING_MS;

    @Test
    void aLinkSilentForTheReaderIdleTimeIsClosed() {
        connect();
        welcome();

        advance(Duration.ofSeconds(LinkHandler.READER_IDLE_SECONDS - 1));
        assertThat(channel.isOpen()).as("still within the idle time").isTrue();
        channel.writeInbound(Envelope.newBuilder().setTimeResponse(TimeResponse.newBuilder().setAgentSentUs(1)).build());
        advance(Duration.ofSeconds(LinkHandler.READER_IDLE_SECONDS - 1));
        assertThat(channel.isOpen()).as("anything received restarts the idle time").isTrue();

        advance(Duration.ofSeconds(2));
        assertThat(channel.isOpen()).as("silent for the idle time: closed").isFalse();
    }

    @Test
    void aRefusalOfTheStationsCredentialsWaitsTheLongestBeforeDiallingAgain() {
        connect();
        channel.writeInbound(Envelope.newBuilder().setReject(Reject.newBuilder().setCode(Reject.Code.UNAUTHENTICATED)
                .setMessage("unknown station")).build());

        assertThat(channel.isOpen()).isFalse();
        assertThat(backoff.currentMs()).isEqualTo(30_000);
        assertThat(welcomed).isEmpty();
    }

    @Test
    void aStandbysRefusalIsKeptOnTheChannelForTheLinkAndTheLeaderIsDialledWithoutWaiting() {
        connect();
        backoff.nextDelayMs();
        backoff.nextDelayMs();
        channel.writeInbound(Envelope.newBuilder().setReject(Reject.newBuilder().setCode(Reject.Code.NOT_LEADER)
                .setMessage("this controller is a standby").setLeaderAddress("b.example:7070")).build());

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.attr(LinkHandler.REFUSAL).get().getLeaderAddress()).isEqualTo("b.example:7070");
        assertThat(backoff.currentMs()).as("a standby answered: the cluster is alive").isEqualTo(500);
        assertThat(welcomed).isEmpty();
    }

    @Test
    void aControllerShuttingDownIsRedialledQuickly() {
        connect();
        welcome();
        channel.writeInbound(Envelope.newBuilder().setReject(Reject.newBuilder().setCode(Reject.Code.SHUTTING_DOWN))
                .build());

        assertThat(channel.isOpen()).isFalse();
        assertThat(backoff.currentMs()).isEqualTo(500);
    }

    @Test
    void aRequestWithoutAnAnswerInTimeIsDroppedAndItsOwnerTold() {
        connect();
        welcome();
        AtomicInteger timedOut = new AtomicInteger();
        pending.add(7, Duration.ofSeconds(60), timedOut::incrementAndGet);

        advance(Duration.ofSeconds(40));
        keepAlive();
        advance(Duration.ofSeconds(19));
        assertThat(timedOut).hasValue(0);
        keepAlive();
        advance(Duration.ofSeconds(2));

        assertThat(timedOut).hasValue(1);
        assertThat(pending.size()).isZero();
        advance(Duration.ofSeconds(120));
        assertThat(timedOut).as("told once").hasValue(1);
    }

    @Test
    void aFileAnsweredChunkByChunkIsWaitedForFromTheLastChunk() {
        connect();
        welcome();
        AtomicInteger timedOut = new AtomicInteger();
        pending.add(8, Duration.ofSeconds(60), timedOut::incrementAndGet);

        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(40));
            channel.writeInbound(chunk(8, i * 65_536L, false));
        }
        assertThat(timedOut).as("120 s in all, never 60 s without a chunk").hasValue(0);
        assertThat(pending.size()).isEqualTo(1);
        channel.writeInbound(chunk(8, 3 * 65_536L, true));
        assertThat(pending.size()).isZero();
        advance(Duration.ofSeconds(30));
        keepAlive();
        advance(Duration.ofSeconds(31));
        assertThat(timedOut).hasValue(0);
        assertThat(listener.calls).contains("chunk 0", "chunk 131072", "chunk 196608");
    }

    @Test
    void requestsPendingWhenTheLinkGoesDownAreDroppedWithoutAWord() {
        connect();
        welcome();
        AtomicInteger timedOut = new AtomicInteger();
        pending.add(9, Duration.ofSeconds(60), timedOut::incrementAndGet);

        channel.close();
        advance(Duration.ofSeconds(120));

        assertThat(pending.size()).isZero();
        assertThat(timedOut).hasValue(0);
    }

    @Test
    void anAnswerToNothingPendingIsHandedOnAsBefore() {
        connect();
        welcome();

        channel.writeInbound(Envelope.newBuilder().setRefersTo(99)
                .setPlayReportAck(PlayReportAck.newBuilder().addReportIds("r1")).build());

        assertThat(listener.calls).endsWith("ack");
    }

    /** A message from the controller, so that the reader-idle close does not end the test's link first. */
    private void keepAlive() {
        channel.writeInbound(Envelope.newBuilder().setTimeResponse(TimeResponse.newBuilder().setAgentSentUs(1)).build());
    }

    private static Envelope chunk(long refersTo, long offset, boolean last) {
        return Envelope.newBuilder().setRefersTo(refersTo).setFileChunk(FileChunk.newBuilder().setSha256("ab")
                .setOffset(offset).setData(ByteString.copyFrom(new byte[16])).setLast(last)).build();
    }
}
