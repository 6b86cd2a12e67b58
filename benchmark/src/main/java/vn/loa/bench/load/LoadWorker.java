package vn.loa.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.stats.ProcStats;
import vn.loa.bench.load.ControlCodec.Message;
import vn.loa.bench.load.ControlMessages.Announcement;
import vn.loa.bench.load.ControlMessages.Connect;
import vn.loa.bench.load.ControlMessages.Connected;
import vn.loa.bench.load.ControlMessages.Records;
import vn.loa.bench.load.ControlMessages.Status;
import vn.loa.bench.load.ControlMessages.TallyRequest;
import vn.loa.bench.load.ControlMessages.Time;

/**
 * One load process of a split fleet: reads control lines from the harness (its stdin), answers each
 * with one line (its stdout), and holds one {@link LoadClient} with its slice of the stations. A bad
 * line is answered with an {@code error} and changes nothing. Ends on {@code close} or when its input
 * ends (the harness went away), closing every link.
 */
public final class LoadWorker {
    private static final Logger log = LoggerFactory.getLogger(LoadWorker.class);

    private final ControlCodec codec = new ControlCodec();
    private final BenchClock raw = new BenchClock();
    private final PrintStream out;
    private LoadClient client;

    public LoadWorker(PrintStream out) {
        this.out = out;
    }

    /** Serves requests until {@code close} or the end of the input; returns then, with every link closed. */
    public void serve(BufferedReader in) throws IOException {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (!answer(line)) {
                    return;
                }
            }
            log.warn("control input ended: closing {} station links", client == null ? 0 : client.recorder().welcomed());
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Answers one line; false after {@code close}. */
    boolean answer(String line) {
        Message m;
        try {
            m = codec.decode(line);
        } catch (IllegalArgumentException e) {
            reply(ControlMessages.ERROR, new ControlMessages.Error(e.getMessage()));
            return true;
        }
        try {
            switch (m.type()) {
                case ControlMessages.TIME -> {
                    long t1 = raw.nowUs();
                    long t0 = m.body().path("t0").asLong();
                    reply(ControlMessages.TIME, new Time(t0, t1, raw.nowUs()));
                }
                case ControlMessages.CONNECT -> reply(ControlMessages.CONNECTED, connect(codec.body(m, Connect.class)));
                case ControlMessages.STATUS -> {
                    ProcStats.Sample self = ProcStats.sample(ProcessHandle.current().pid());
                    LoadRecorder r = client == null ? null : client.recorder();
                    reply(ControlMessages.STATUS, r == null ? new Status(0, 0, ClockCheck.NONE, self, List.of())
                            : new Status(r.welcomed(), r.disconnected(), r.controllerClock(), self, r.problems()));
                }
                case ControlMessages.COUNT -> {
                    long id = codec.body(m, Announcement.class).broadcastId();
                    reply(ControlMessages.COUNT, new Announcement(id, recorder().finishedCount(id)));
                }
                case ControlMessages.RECORDS -> reply(ControlMessages.RECORDS,
                        new Records(recorder().records(codec.body(m, Announcement.class).broadcastId())));
                case ControlMessages.TALLY -> {
                    TallyRequest t = codec.body(m, TallyRequest.class);
                    reply(ControlMessages.TALLY, FanoutTally.of(recorder(), t.broadcastId(), new FeedLog(t.sentUs())));
                }
                case ControlMessages.CLOSE -> {
                    if (client != null) {
                        client.close();
                        client = null;
                    }
                    reply(ControlMessages.CLOSED, null);
                    return false;
                }
                default -> reply(ControlMessages.ERROR, new ControlMessages.Error("unknown control message type '"
                        + m.type() + "'"));
            }
        } catch (IllegalArgumentException | IllegalStateException | TimeoutException e) {
            reply(ControlMessages.ERROR, new ControlMessages.Error(m.type() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ControlMessages.ERROR, new ControlMessages.Error(m.type() + ": interrupted"));
            return false;
        }
        return true;
    }

    private Connected connect(Connect c) throws InterruptedException, TimeoutException {
        if (client != null) {
            throw new IllegalStateException("this worker is already connected (" + client.recorder().welcomed() + " stations)");
        }
        client = new LoadClient(c.threads(), raw.shifted(c.offsetUs()), new TimedSample(c.timedEvery()));
        log.warn("connecting {} stations ({} … {}) to {}:{} over {}", c.stations().size(), c.stations().getFirst().stationId(),
                c.stations().getLast().stationId(), c.host(), c.port(), client.describe());
        client.connect(c.host(), c.port(), c.stations(), c.concurrency(), c.timeoutMs());
        LoadRecorder r = client.recorder();
        return new Connected(r.welcomed(), r.rejected(), r.connectFailures(), r.disconnected(), client.describe(),
                ProcessHandle.current().pid(), r.problems());
    }

    private LoadRecorder recorder() {
        if (client == null) {
            throw new IllegalStateException("not connected yet: send connect first");
        }
        return client.recorder();
    }

    private void reply(String type, Object body) {
        out.println(codec.encode(type, body));
        out.flush();
        if (out.checkError()) {
            throw new IllegalStateException("the control output is closed (the harness went away)");
        }
    }
}
