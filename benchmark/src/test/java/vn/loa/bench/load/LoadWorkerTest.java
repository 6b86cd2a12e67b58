package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker's control loop: one reply per line, errors for bad input that change nothing, ends on close or end of input. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LoadWorkerTest {
    private final ControlCodec codec = new ControlCodec();

    private List<ControlCodec.Message> serve(String... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new LoadWorker(out).serve(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")));
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().map(codec::decode).toList();
    }

    @Test
    void answersEveryLineAndStopsAtClose() throws Exception {
        List<ControlCodec.Message> replies = serve(
                codec.encode(ControlMessages.TIME, new ControlMessages.Time(123, 0, 0)),
                "not json",
                "{\"type\":\"dance\"}",
                codec.encode(ControlMessages.COUNT, new ControlMessages.Announcement(5, 0)),
                codec.encode(ControlMessages.CONNECT, java.util.Map.of("host", "h")),
                "",
                codec.encode(ControlMessages.CLOSE, null),
                codec.encode(ControlMessages.TIME, new ControlMessages.Time(1, 0, 0))); // after close: not read
        assertThat(replies).extracting(ControlCodec.Message::type)
                .containsExactly("time", "error", "error", "error", "error", "closed");
        ControlMessages.Time t = codec.body(replies.get(0), ControlMessages.Time.class);
        assertThat(t.t0()).isEqualTo(123);
        assertThat(t.t2()).isGreaterThanOrEqualTo(t.t1());
        assertThat(Math.abs(t.t1() - System.currentTimeMillis() * 1000)).isLessThan(60_000_000L);
        assertThat(replies.get(1).body().path("message").asText()).contains("not a JSON control line");
        assertThat(replies.get(2).body().path("message").asText()).contains("unknown control message type 'dance'");
        assertThat(replies.get(3).body().path("message").asText()).contains("not connected yet");
        assertThat(replies.get(4).body().path("message").asText()).startsWith("connect: bad \"connect\" body");
    }

    @Test
    void endsWhenItsInputEnds() throws Exception {
        List<ControlCodec.Message> replies = serve(codec.encode(ControlMessages.STATUS, null),
                codec.encode(ControlMessages.RECORDS, new ControlMessages.Announcement(1, 0)));
        assertThat(replies).extracting(ControlCodec.Message::type).containsExactly("status", "error");
        ControlMessages.Status s = codec.body(replies.get(0), ControlMessages.Status.class);
        assertThat(s.welcomed()).isZero();
        assertThat(s.controllerClock().samples()).isZero();
        assertThat(s.self().rssKb()).isPositive(); // its own /proc figures
    }
}
