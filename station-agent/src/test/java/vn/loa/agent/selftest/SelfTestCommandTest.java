package vn.loa.agent.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelfTestCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run selftest(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SelfTestCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aSimulatedStationPassesWithTheToneMeasuredOnEveryZone() throws Exception {
        Path sim = dir.resolve("sim");
        Run r = selftest("--hardware", "sim", "--sim-dir", sim.toString(), "--tone-ms", "200", "--warm-up-ms", "0");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.matches("^[0-9]+ .*")).toList();
        assertThat(rows).hasSize(3);
        for (String row : rows) {
            // a quarter-scale sine: -15.1 dBFS RMS
            assertThat(row).contains("-15.1 dBFS").endsWith("OK (Đạt)");
        }
        assertThat(r.out()).contains("ZONE (Vùng)").contains("self-test passed: 3 zone(s) OK")
                .contains("mains present");
        // the simulated station really switched: amplifier, zone, audio, zone off, amplifier off — per zone
        String events = Files.readString(sim.resolve("events.jsonl"));
        assertThat(events.lines().filter(l -> l.contains("\"device\":\"audio\"") && l.contains("\"start\""))).hasSize(3);
        assertThat(events.lines().filter(l -> l.contains("\"zoneId\":2") && l.contains("\"on\""))).hasSize(1);
        try (var wavs = Files.list(sim)) {
            assertThat(wavs.filter(p -> p.toString().endsWith(".wav"))).hasSize(3);
        }
    }

    @Test
    void aFailingZoneFailsTheSelfTestAndIsNamed() {
        Run r = selftest("--hardware", "sim", "--sim-dir", dir.toString(), "--silent", "--tone-ms", "0",
                "--warm-up-ms", "0", "--sim-fail-zone", "2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("self-test FAILED: 1 of 3 zone(s)");
        String row2 = r.out().lines().filter(l -> l.startsWith("2 ")).findFirst().orElseThrow();
        assertThat(row2).contains("FAIL (Lỗi)").contains("zone 2: relay does not respond");
        assertThat(r.out().lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow()).endsWith("OK (Đạt)");
    }

    @Test
    void aBadConfigurationIsReportedWholeWithExitCode2() throws Exception {
        Path file = dir.resolve("station.properties");
        Files.writeString(file, "amplifier.gpio = 40\nzone.1.board = missing\nzone.1.channel = 1\n");
        Run r = selftest("--config", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown pin GPIO 40").contains("board 'missing' is not defined");
        assertThat(selftest().exit()).as("neither --config nor --hardware").isEqualTo(2);
    }

    /** A real LCUS board file on a socat pseudo-terminal; the test reads the frames at the far end. */
    @Tag("needs-tools")
    @Test
    void aConfiguredLcusStationIsWalkedZoneByZone() throws Exception {
        Path socatBin = Path.of("/usr/bin/socat");
        if (!Files.isExecutable(socatBin)) {
            fail("/usr/bin/socat is missing: install Debian's socat (.ci/run does this)");
        }
        Path driver = dir.resolve("ttyDriver");
        Path board = dir.resolve("ttyBoard");
        Process socat = new ProcessBuilder(socatBin.toString(), "pty,raw,echo=0,link=" + driver,
                "pty,raw,echo=0,link=" + board).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(driver) && Files.exists(board));
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            InputStream in = Files.newInputStream(board);
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[64];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (frames) {
                            frames.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // socat stopped at the end of the test
                }
            });
            Path file = dir.resolve("station.properties");
            Files.writeString(file, """
                    timing.minRelayIntervalMs = 0
                    amplifier.board = tang1
                    amplifier.channel = 2
                    zone.7.board = tang1
                    zone.7.channel = 1
                    board.tang1.type = LCUS
                    board.tang1.port = %s
                    board.tang1.channels = 2
                    """.formatted(driver));
            Run r = selftest("--config", file.toString(), "--silent", "--tone-ms", "100", "--warm-up-ms", "0");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            String row = r.out().lines().filter(l -> l.startsWith("7 ")).findFirst().orElseThrow();
            assertThat(row).contains("board tang1 (LCUS on " + driver + ") channel 1").contains("n/a→n/a")
                    .endsWith("OK (Đạt)");
            // start: all off; safe; amplifier on, zone on, zone off, amplifier off; safe at the end
            String expected = "A0 01 00 A1 A0 02 00 A2 " // all off when the board opens
                    + "A0 01 00 A1 A0 02 00 A2 " // made safe before the walk
                    + "A0 02 01 A3 A0 01 01 A2 A0 01 00 A1 A0 02 00 A2 " // the walk of zone 7
                    + "A0 01 00 A1 A0 02 00 A2"; // made safe after the walk (and again on close)
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (frames) {
                    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(frames.toByteArray()).startsWith(expected);
                }
            });
            in.close();
            reader.interrupt();
        } finally {
            socat.destroy();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAgentCommandLineOffersTheSelfTest() {
        StringWriter out = new StringWriter();
        new CommandLine(new vn.loa.agent.cli.AgentCommand()).setOut(new PrintWriter(out)).execute("selftest", "--help");
        assertThat(out.toString()).contains("--config").contains("--zone").contains("--silent").contains("--hardware");
        assertThat(new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("selftest");
    }
}
