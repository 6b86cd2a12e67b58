package vn.loa.hardware.serial;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.HardwareException;

/**
 * Modbus RTU relay boards: channel N is coil N-1 of the board's slave address. Switching uses
 * function 05 (write single coil, FF00 = on, 0000 = off), all-off uses 0F (write multiple coils), and
 * every switch is verified with 01 (read coils). Each request waits {@code timeout} for the answer
 * and is sent again up to {@code retries} times (also after a CRC error); when the board stays
 * silent its port is closed and reopened with backoff on a later command. Each request and its answer
 * hold the port's lock (boards on one bus share it); the last failure is kept for the health report
 * until the board answers again.
 */
public final class ModbusRtuBoard implements RelayBoard {
    private static final Logger log = LoggerFactory.getLogger(ModbusRtuBoard.class);
    private static final int READ_COILS = 0x01;
    private static final int WRITE_COIL = 0x05;
    private static final int WRITE_COILS = 0x0F;

    private final String name;
    private final int address;
    private final int channels;
    private final Duration timeout;
    private final int retries;
    private final SerialConnection connection;
    private final Clock clock;
    private volatile String problem;

    public ModbusRtuBoard(String name, int address, int channels, Duration timeout, int retries,
            SerialConnection connection, Clock clock) {
        if (address < 1 || address > 247) {
            throw new IllegalArgumentException("Modbus slave address must be 1..247, not " + address);
        }
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("Modbus relay boards here have 1 to 64 channels, not " + channels);
        }
        this.name = name;
        this.address = address;
        this.channels = channels;
        this.timeout = timeout;
        this.retries = retries;
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "board " + name + " (MODBUS address " + address + " on " + connection.port() + ")";
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public boolean canReadBack() {
        return true;
    }

    @Override
    public void set(int channel, boolean on) throws HardwareException {
        checkChannel(channel);
        int coil = channel - 1;
        byte[] request = {(byte) address, WRITE_COIL, (byte) (coil >>> 8), (byte) coil, (byte) (on ? 0xFF : 0x00), 0};
        byte[] answer = exchange(request);
        if (!java.util.Arrays.equals(answer, 0, 6, request, 0, 6)) {
            throw new HardwareException(describe() + ": unexpected answer to switching channel " + channel + ": "
                    + HexFormat.ofDelimiter(" ").formatHex(answer));
        }
        boolean actual = readCoils()[coil];
        if (actual != on) {
            throw new HardwareException(describe() + ": channel " + channel + " reads " + (actual ? "on" : "off")
                    + " after switching it " + (on ? "on" : "off"));
        }
    }

    @Override
    public Optional<Boolean> read(int channel) throws HardwareException {
        checkChannel(channel);
        return Optional.of(readCoils()[channel - 1]);
    }

    @Override
    public void allOff() throws HardwareException {
        int bytes = (channels + 7) / 8;
        byte[] request = new byte[7 + bytes];
        request[0] = (byte) address;
        request[1] = WRITE_COILS;
        request[4] = (byte) (channels >>> 8);
        request[5] = (byte) channels;
        request[6] = (byte) bytes;
        exchange(request);
        boolean[] states = readCoils();
        for (int i = 0; i < channels; i++) {
            if (states[i]) {
                throw new HardwareException(describe() + ": channel " + (i + 1) + " still reads on after all-off");
            }
        }
    }

    /** Every channel's state, coil 0 first. */
    public boolean[] readCoils() throws HardwareException {
        byte[] request = {(byte) address, READ_COILS, 0, 0, (byte) (channels >>> 8), (byte) channels};
        byte[] answer = exchange(request);
        int bytes = answer[2] & 0xFF;
        if (bytes != (channels + 7) / 8) {
            throw new HardwareException(describe() + ": read coils answered " + bytes + " bytes for " + channels
                    + " channels");
        }
        boolean[] states = new boolean[channels];
        for (int i = 0; i < channels; i++) {
            states[i] = (answer[3 + i / 8] & (1 << (i % 8))) != 0;
        }
        return states;
    }

    /** Asks for the coils: the board answers, with a valid frame, for the channels configured. */
    @Override
    public void probe() throws HardwareException {
        readCoils();
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Sends a request (CRC appended) and returns the board's answer, CRC checked, with retries, holding the
     * port for the whole exchange; notes the outcome for {@link #problem()}.
     */
    private byte[] exchange(byte[] request) throws HardwareException {
        connection.lock();
        try {
            byte[] answer = exchangeOnce(request);
            problem = null;
            return answer;
        } catch (HardwareException e) {
            problem = e.getMessage();
            throw e;
        } finally {
            connection.unlock();
        }
    }

    private byte[] exchangeOnce(byte[] request) throws HardwareException {
        byte[] frame = ModbusCrc.append(request);
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt <= retries; attempt++) {
            SerialLink link = connection.link();
            try {
                link.discardInput();
                link.write(frame);
                byte[] answer = readAnswer(link, request[1] & 0xFF);
                if (!ModbusCrc.valid(answer)) {
                    lastProblem = "CRC error in " + HexFormat.ofDelimiter(" ").formatHex(answer);
                    log.debug("{}: {}", describe(), lastProblem);
                    continue;
                }
                connection.succeeded();
                if ((answer[1] & 0x80) != 0) {
                    throw new HardwareException(describe() + ": the board refused function "
                            + String.format("%02X", request[1]) + " with exception code " + (answer[2] & 0xFF)
                            + exceptionHint(answer[2] & 0xFF));
                }
                return answer;
            } catch (SerialTimeoutException e) {
                lastProblem = "no answer within " + timeout.toMillis() + " ms";
            } catch (BadAnswerException e) {
                lastProblem = e.getMessage();
                log.debug("{}: {}", describe(), lastProblem);
            } catch (IOException e) {
                connection.failed(e.getMessage());
                throw new HardwareException(describe() + ": port failed: " + e.getMessage(), e);
            }
        }
        String problem = describe() + " does not answer (" + lastProblem + ", " + (retries + 1) + " tries)";
        connection.failed(problem);
        throw new HardwareException(problem);
    }

    private byte[] readAnswer(SerialLink link, int function) throws IOException {
        long deadline = clock.millis() + timeout.toMillis();
        byte[] head = readUntil(link, 3, deadline);
        if ((head[0] & 0xFF) != address) {
            throw new BadAnswerException("answer from address " + (head[0] & 0xFF) + " instead of " + address);
        }
        int rest;
        if ((head[1] & 0x80) != 0) {
            rest = 2;
        } else if ((head[1] & 0xFF) != function) {
            throw new BadAnswerException("answer to function " + (head[1] & 0xFF) + " instead of " + function);
        } else if (function == READ_COILS) {
            rest = (head[2] & 0xFF) + 2;
        } else {
            rest = 5;
        }
        byte[] tail = readUntil(link, rest, deadline);
        byte[] answer = java.util.Arrays.copyOf(head, 3 + rest);
        System.arraycopy(tail, 0, answer, 3, rest);
        return answer;
    }

    private byte[] readUntil(SerialLink link, int count, long deadline) throws IOException {
        long left = deadline - clock.millis();
        if (left <= 0) {
            throw new SerialTimeoutException("no answer in time");
        }
        return link.read(count, Duration.ofMillis(left));
    }

    /** A garbled or foreign answer: worth asking again. */
    private static final class BadAnswerException extends IOException {
        BadAnswerException(String message) {
            super(message);
        }
    }

    private static String exceptionHint(int code) {
        return switch (code) {
            case 1 -> " (illegal function: is this a relay board?)";
            case 2 -> " (illegal data address: the board has fewer channels than configured)";
            case 3 -> " (illegal data value)";
            default -> "";
        };
    }

    private void checkChannel(int channel) throws HardwareException {
        if (channel < 1 || channel > channels) {
            throw new HardwareException(describe() + " has no channel " + channel);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
