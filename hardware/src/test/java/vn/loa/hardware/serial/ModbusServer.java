package vn.loa.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import vn.loa.hardware.testsupport.Tools;

/**
 * An independent Modbus RTU relay board: Debian's pymodbus serving coils on the far side of a
 * pseudo-terminal (src/test/resources/serial/modbus_relay_server.py). Every write it serves comes
 * back as a {@code COILS <address> <bits>} line.
 */
final class ModbusServer implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    ModbusServer(Path port, int address, int coils, Path workDir) throws IOException, InterruptedException {
        Path python = Tools.pymodbusPython();
        Path script = workDir.resolve("modbus_relay_server.py");
        if (!Files.exists(script)) {
            try (var in = ModbusServer.class.getResourceAsStream("/serial/modbus_relay_server.py")) {
                Files.copy(in, script);
            }
        }
        process = new ProcessBuilder(python.toString(), script.toString(), port.toString(), String.valueOf(address),
                String.valueOf(coils)).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("modbus-server-out").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ENDED " + e.getMessage()); // the server was killed: its output closed
            }
        });
        String ready = lines.poll(20, TimeUnit.SECONDS);
        assertThat(ready).as("pymodbus server start").startsWith("READY");
    }

    /** The next coil table the server reports after a write, e.g. "COILS 3 0 1 0 0 0 0 0 1". */
    String nextCoils() throws InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a write reaching the Modbus server").isNotNull();
            if (line.startsWith("COILS")) {
                return line;
            }
        }
    }

    /** The last coil table reported so far (waits for at least one). */
    /**
     * Waits for the server to report exactly these coils. The server prints each state as it takes it; the
     * lines reach us asynchronously, so a state may still be on its way when the driver's call returns.
     */
    String awaitCoils(String expected) throws InterruptedException {
        String line;
        do {
            line = nextCoils();
        } while (!line.equals(expected));
        return line;
    }


    /** Kills the server: the board stops answering. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
