package vn.loa.hardware.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.testsupport.PtyPair;

/** A JVM that dies while relays are on leaves them off: the shutdown hook closes the hardware. */
@Tag("needs-tools")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SafeOnCrashTest {
    @TempDir
    Path dir;

    @Test
    void relaysAreSwitchedOffWhenTheProcessDies() throws Exception {
        try (PtyPair pty = new PtyPair(dir)) {
            List<String> frames = new ArrayList<>();
            Thread reader;
            var in = Files.newInputStream(pty.boardSide());
            reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] f = new byte[4];
                try {
                    while (in.readNBytes(f, 0, 4) == 4) {
                        synchronized (frames) {
                            frames.add(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the pseudo-terminal closed at the end of the test
                }
            });
            Path file = dir.resolve("station.properties");
            Files.writeString(file, """
                    timing.minRelayIntervalMs = 0
                    amplifier.board = b
                    amplifier.channel = 2
                    zone.3.board = b
                    zone.3.channel = 1
                    board.b.type = LCUS
                    board.b.port = %s
                    board.b.channels = 2
                    """.formatted(pty.driverSide()));
            String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashingStation.class.getName(), file.toString(), "3").redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("ON").contains("simulated crash while playing");
            assertThat(child.exitValue()).isNotZero();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                synchronized (frames) {
                    return frames.size() >= 6;
                }
            });
            synchronized (frames) {
                assertThat(frames).containsExactly(
                        "A0 01 00 A1", "A0 02 00 A2", // all off at start
                        "A0 02 01 A3", "A0 01 01 A2", // amplifier on, zone 3 on
                        "A0 01 00 A1", "A0 02 00 A2"); // the shutdown hook: zone off, amplifier off
            }
            in.close();
            reader.interrupt();
        }
    }
}
