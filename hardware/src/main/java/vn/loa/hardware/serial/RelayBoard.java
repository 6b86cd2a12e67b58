package vn.loa.hardware.serial;

import java.util.Optional;
import vn.loa.hardware.HardwareException;

/** A serial relay board with channels numbered from 1. */
public interface RelayBoard extends AutoCloseable {
    String name();

    /** For a technician: "board tang1 (MODBUS address 1 on /dev/ttyUSB0)". */
    String describe();

    int channels();

    /** Whether the board can report its relays (Modbus can; LCUS cannot). */
    boolean canReadBack();

    /** Switches one channel; on a board that can read back, verifies the new state. */
    void set(int channel, boolean on) throws HardwareException;

    /** The channel's state read from the board, or empty when the board cannot tell. */
    Optional<Boolean> read(int channel) throws HardwareException;

    /** Every channel off (at start and when making the station safe). */
    void allOff() throws HardwareException;

    /**
     * Checks, without switching anything, that the board is there and works: a board that can answer is
     * asked for its relays, one that cannot must at least be plugged in.
     */
    void probe() throws HardwareException;

    /** What went wrong the last time the board was used or probed; empty once it worked again. */
    Optional<String> problem();

    @Override
    void close();
}
