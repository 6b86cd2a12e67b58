package vn.loa.hardware.serial;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.relay.Sleeper;

/**
 * LCUS USB relay boards (CH340 serial chip; 1, 2, 4 or 8 channels): each command is the frame
 * {@code A0 <channel> <state> <checksum>}, state 01 = on, 00 = off, checksum = sum of the first
 * three bytes mod 256. The board never answers, so it cannot be read back; a port that disappeared
 * (unplugged) fails the write and is reopened on a later command. Frames are kept a small gap
 * apart: the boards' microcontroller misses frames sent back to back. Since it never answers, the
 * idle probe can only check that its USB device is still there.
 */
public final class LcusBoard implements RelayBoard {
    public static final Duration DEFAULT_FRAME_GAP = Duration.ofMillis(20);

    private final String name;
    private final int channels;
    private final SerialConnection connection;
    private final Duration frameGap;
    private final Clock clock;
    private final Sleeper sleeper;
    private long lastFrameMs = Long.MIN_VALUE;
    private volatile String problem;

    public LcusBoard(String name, int channels, SerialConnection connection, Duration frameGap, Clock clock,
            Sleeper sleeper) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("LCUS boards have 1 to 8 channels, not " + channels);
        }
        this.name = name;
        this.channels = channels;
        this.connection = connection;
        this.frameGap = frameGap;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The command frame that switches one channel. */
    public static byte[] frame(int channel, boolean on) {
        int state = on ? 1 : 0;
        return new byte[] {(byte) 0xA0, (byte) channel, (byte) state, (byte) ((0xA0 + channel + state) & 0xFF)};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "board " + name + " (LCUS on " + connection.port() + ")";
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public boolean canReadBack() {
        return false;
    }

    @Override
    public void set(int channel, boolean on) throws HardwareException {
        if (channel < 1 || channel > channels) {
            throw new HardwareException(describe() + " has no channel " + channel);
        }
        connection.lock();
        try {
            noted(() -> send(frame(channel, on)));
        } finally {
            connection.unlock();
        }
    }

    @Override
    public Optional<Boolean> read(int channel) {
        return Optional.empty();
    }

    @Override
    public void allOff() throws HardwareException {
        connection.lock();
        try {
            noted(() -> {
                for (int ch = 1; ch <= channels; ch++) {
                    send(frame(ch, false));
                }
            });
        } finally {
            connection.unlock();
        }
    }

    /**
     * The board cannot answer: it is there when its device node is (an unplugged CH340 takes
     * {@code /dev/ttyUSB0} with it) and the port opens. A board that vanished is closed, so that it is
     * opened afresh when it comes back.
     */
    @Override
    public void probe() throws HardwareException {
        connection.lock();
        try {
            noted(() -> {
                if (!connection.present()) {
                    String gone = "the USB device " + connection.port() + " is gone (unplugged, or no power?)";
                    connection.failed(gone);
                    throw new HardwareException(describe() + ": " + gone);
                }
                connection.link();
            });
        } finally {
            connection.unlock();
        }
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @FunctionalInterface
    private interface BoardAction {
        void run() throws HardwareException;
    }

    /** Runs a use of the board, keeping its outcome for {@link #problem()}. */
    private void noted(BoardAction action) throws HardwareException {
        try {
            action.run();
            problem = null;
        } catch (HardwareException e) {
            problem = e.getMessage();
            throw e;
        }
    }

    private void send(byte[] frame) throws HardwareException {
        SerialLink link = connection.link();
        waitForGap();
        try {
            link.write(frame);
        } catch (IOException e) {
            connection.failed(e.getMessage());
            throw new HardwareException(describe() + ": cannot send: " + e.getMessage(), e);
        }
        lastFrameMs = clock.millis();
        connection.succeeded();
    }

    private void waitForGap() throws HardwareException {
        if (lastFrameMs == Long.MIN_VALUE) {
            return;
        }
        long wait = Math.min(frameGap.toMillis(), lastFrameMs + frameGap.toMillis() - clock.millis());
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofMillis(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HardwareException(describe() + ": interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
