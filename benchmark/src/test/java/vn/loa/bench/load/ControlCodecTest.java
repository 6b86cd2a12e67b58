package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.bench.stats.LatencyHistogram;
import vn.loa.bench.stats.ProcStats;
import vn.loa.bench.load.ControlMessages.Connect;
import vn.loa.bench.load.ControlMessages.Records;
import vn.loa.bench.load.ControlMessages.Status;
import vn.loa.bench.load.ControlMessages.TallyRequest;

/** The control lines between the harness and a load worker: every message round-trips; bad lines are refused clearly. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ControlCodecTest {
    private final ControlCodec codec = new ControlCodec();

    private <T> T roundTrip(String type, T body, Class<T> cls) {
        String line = codec.encode(type, body);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        ControlCodec.Message m = codec.decode(line);
        assertThat(m.type()).isEqualTo(type);
        return codec.body(m, cls);
    }

    @Test
    void everyMessageRoundTrips() {
        Connect c = new Connect("10.0.0.5", 7443, 2, 64, 300_000, -1234,
                List.of(new StationCredential(1, "bí mật\n\"1\""), new StationCredential(2, "s2",
                        "-----BEGIN PRIVATE KEY-----\nAAA=\n-----END PRIVATE KEY-----\n")), 7);
        Connect back = roundTrip(ControlMessages.CONNECT, c, Connect.class);
        assertThat(back).isEqualTo(c);
        assertThat(back.stations().getFirst().secret()).isEqualTo("bí mật\n\"1\"");
        assertThat(back.timedEvery()).isEqualTo(7);

        Status s = new Status(10, 1, new ClockCheck(-42, 180, 33), new ProcStats.Sample(5, 6, 7, 8), List.of("x"));
        assertThat(roundTrip(ControlMessages.STATUS, s, Status.class)).isEqualTo(s);

        Records r = new Records(List.of(new BroadcastRecord(7, 9, 1_700_000_000_000L, 1L, 2L, 3L, 1500, 0, 2, 1500, 4L, false)));
        assertThat(roundTrip(ControlMessages.RECORDS, r, Records.class)).isEqualTo(r);

        TallyRequest t = roundTrip(ControlMessages.TALLY, new TallyRequest(9, new long[] {1, 0, 3}), TallyRequest.class);
        assertThat(t.broadcastId()).isEqualTo(9);
        assertThat(t.sentUs()).containsExactly(1, 0, 3);

        LatencyHistogram h = new LatencyHistogram();
        h.record(30_000);
        FanoutTally f = new FanoutTally(h.snapshot(), 1500, 0, 3, 1, 2, List.of(h.snapshot(), h.snapshot()));
        assertThat(roundTrip(ControlMessages.TALLY, f, FanoutTally.class)).isEqualTo(f);
    }

    @Test
    void aMessageWithoutBodyHasAnEmptyOne() {
        ControlCodec.Message m = codec.decode(codec.encode(ControlMessages.CLOSE, null));
        assertThat(m.type()).isEqualTo("close");
        assertThat(m.body().isEmpty()).isTrue();
        assertThat(codec.decode("{\"type\":\"status\"}").body().isObject()).isTrue();
    }

    @Test
    void garbageAndMalformedLinesAreRefusedWithTheLineQuoted() {
        assertThatThrownBy(() -> codec.decode("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON control line: 'hello'");
        assertThatThrownBy(() -> codec.decode("[1,2]")).hasMessageContaining("must be a JSON object with a \"type\"");
        assertThatThrownBy(() -> codec.decode("{\"type\":3}")).hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"count\",\"body\":5}")).hasMessageContaining("\"body\"");
        assertThatThrownBy(() -> codec.decode("x".repeat(1000))).hasMessageContaining("(1000 chars)");
        assertThatThrownBy(() -> codec.encode(" ", null)).hasMessageContaining("type");
    }

    @Test
    void badBodiesNameTheMessageAndTheProblem() {
        // a station without a secret: the record's own validation speaks
        String noSecret = "{\"type\":\"connect\",\"body\":{\"host\":\"h\",\"port\":1,\"threads\":1,\"concurrency\":1,"
                + "\"timeoutMs\":1,\"offsetUs\":0,\"stations\":[{\"stationId\":5,\"secret\":\"\",\"identityPem\":null}]}}";
        assertThatThrownBy(() -> codec.body(codec.decode(noSecret), Connect.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad \"connect\" body")
                .hasMessageContaining("positive id and a secret");
        // a missing field is not silently 0
        String noPort = "{\"type\":\"connect\",\"body\":{\"host\":\"h\",\"threads\":1,\"concurrency\":1,"
                + "\"timeoutMs\":1,\"offsetUs\":0,\"stations\":[{\"stationId\":5,\"secret\":\"s\",\"identityPem\":null}]}}";
        assertThatThrownBy(() -> codec.body(codec.decode(noPort), Connect.class)).hasMessageContaining("port");
        String noStations = "{\"type\":\"connect\",\"body\":{\"host\":\"h\",\"port\":1,\"threads\":1,\"concurrency\":1,"
                + "\"timeoutMs\":1,\"offsetUs\":0,\"stations\":[],\"timedEvery\":1}}";
        assertThatThrownBy(() -> codec.body(codec.decode(noStations), Connect.class)).hasMessageContaining("at least one station");
        String noSample = "{\"type\":\"connect\",\"body\":{\"host\":\"h\",\"port\":1,\"threads\":1,\"concurrency\":1,"
                + "\"timeoutMs\":1,\"offsetUs\":0,\"stations\":[{\"stationId\":5,\"secret\":\"s\",\"identityPem\":null}],"
                + "\"timedEvery\":0}}";
        assertThatThrownBy(() -> codec.body(codec.decode(noSample), Connect.class)).hasMessageContaining("--timed-sample");
        assertThatThrownBy(() -> codec.body(codec.decode("{\"type\":\"tally\",\"body\":{\"broadcastId\":1}}"), TallyRequest.class))
                .hasMessageContaining("sentUs");
    }
}
