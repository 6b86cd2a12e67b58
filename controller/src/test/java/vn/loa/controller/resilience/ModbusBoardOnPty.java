package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Modbus RTU relay board for end-to-end tests: Debian's pymodbus serving the hardware module's board script
 * (address 3, 4 channels) on one side of a socat pseudo-terminal pair, the agent's serial port on the other. The
 * board can be unplugged (its server killed) and plugged back; {@link #close()} ends both processes. Fails loudly
 * when socat, python3-pymodbus or the script is missing (.ci/run installs them).
 */
final class ModbusBoardOnPty implements AutoCloseable {
    /** The Modbus server script of the hardware module's tests (one independent board for every module). */
    private static final Path SERVER_SCRIPT = Path.of("../hardware/src/test/resources/serial/modbus_relay_server.py");

    private final Path agentSide;
    private final Path boardSide;
    private final Process socat;
    private Process board;

    private ModbusBoardOnPty(Path agentSide, Path boardSide, Process socat) {
        this.agentSide = agentSide;
        this.boardSide = boardSide;
        this.socat = socat;
    }

    /** Makes the pty pair in {@code dir} and starts the board on its far side. */
    static ModbusBoardOnPty start(Path dir) throws IOException, InterruptedException {
        requireTools();
        Path agentSide = dir.resolve("ttyAgent");
        Path boardSide = dir.resolve("ttyBoard");
        Process socat = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + agentSide,
                "pty,raw,echo=0,link=" + boardSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ModbusBoardOnPty pty = new ModbusBoardOnPty(agentSide, boardSide, socat);
        try {
            await("the pty pair").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(agentSide) && Files.exists(boardSide));
            pty.plugIn();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            pty.close();
            throw e;
        }
        return pty;
    }

    /** The serial port the agent's hardware file names. */
    Path agentSide() {
        return agentSide;
    }

    /** Starts the board's server (again) and waits until it answers. */
    void plugIn() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", SERVER_SCRIPT.toAbsolutePath().toString(),
                boardSide.toString(), "3", "4").redirectErrorStream(true).start();
        board = p;
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("modbus-board-out").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ENDED " + e.getMessage());
            }
        });
        String ready = lines.poll(20, TimeUnit.SECONDS);
        assertThat(ready).as("the pymodbus board started").startsWith("READY");
    }

    /** Kills the board's server, as if its cable were pulled, and waits until it is gone. */
    void unplug() throws InterruptedException {
        board.destroy();
        assertThat(board.waitFor(10, TimeUnit.SECONDS)).as("the board's server ended").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : new Process[] {board, socat}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static void requireTools() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
            fail("/usr/bin/socat is missing: install Debian's socat (.ci/run does this)");
        }
        if (!Files.isRegularFile(SERVER_SCRIPT)) {
            fail(SERVER_SCRIPT.toAbsolutePath() + " is missing: run this test from the controller module of the repository");
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus, serial_asyncio").redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("/usr/bin/python3 cannot import pymodbus/serial_asyncio: install Debian's python3-pymodbus and "
                    + "python3-serial-asyncio (.ci/run does this)");
        }
    }
}
