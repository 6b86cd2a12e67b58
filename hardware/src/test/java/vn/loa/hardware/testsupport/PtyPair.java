package vn.loa.hardware.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two connected pseudo-terminals made by socat: the driver opens {@link #driverSide()}, the emulated
 * board {@link #boardSide()}. Stopping socat is like unplugging the USB adapter: the device node goes.
 */
public final class PtyPair implements AutoCloseable {
    private final Path driverSide;
    private final Path boardSide;
    private Process socat;

    public PtyPair(Path dir) throws IOException {
        this.driverSide = dir.resolve("ttyDriver");
        this.boardSide = dir.resolve("ttyBoard");
        start();
    }

    public void start() throws IOException {
        Path bin = Tools.socat();
        socat = new ProcessBuilder(bin.toString(), "pty,raw,echo=0,link=" + driverSide,
                "pty,raw,echo=0,link=" + boardSide).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await("socat's pseudo-terminals").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(driverSide) && Files.exists(boardSide));
    }

    /** Unplugs: socat ends and its device nodes disappear. */
    public void stop() {
        if (socat != null) {
            socat.destroy();
            await("socat to end").atMost(Duration.ofSeconds(10)).until(() -> !socat.isAlive());
            await("pty links to go").atMost(Duration.ofSeconds(10))
                    .until(() -> !Files.exists(driverSide) && !Files.exists(boardSide));
            socat = null;
        }
    }

    public Path driverSide() {
        return driverSide;
    }

    public Path boardSide() {
        return boardSide;
    }

    @Override
    public void close() {
        stop();
    }
}
