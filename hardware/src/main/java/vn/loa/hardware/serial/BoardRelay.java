package vn.loa.hardware.serial;

import java.util.Optional;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.relay.Relay;

/** One channel of a serial relay board. */
public final class BoardRelay implements Relay {
    private final RelayBoard board;
    private final int channel;
    private volatile boolean on;

    public BoardRelay(RelayBoard board, int channel) {
        if (channel < 1 || channel > board.channels()) {
            throw new IllegalArgumentException(board.describe() + " has no channel " + channel);
        }
        this.board = board;
        this.channel = channel;
    }

    @Override
    public String describe() {
        return board.describe() + " channel " + channel;
    }

    @Override
    public String device() {
        return "board " + board.name();
    }

    @Override
    public void set(boolean on) throws HardwareException {
        board.set(channel, on);
        this.on = on;
    }

    @Override
    public boolean isOn() {
        return on;
    }

    @Override
    public Optional<Boolean> readBack() throws HardwareException {
        return board.read(channel);
    }
}
