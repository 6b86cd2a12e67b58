package vn.loa.hardware.serial;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An LCUS relay board on the far side of a pseudo-terminal, written independently of the driver:
 * it reads 4-byte frames, checks every byte (header A0, channel 1..N, state 00/01, checksum) and
 * keeps its relays. Anything malformed is recorded as an error for the test to assert on.
 */
final class LcusEmulator implements AutoCloseable {
    private final int channels;
    private final InputStream in;
    private final Thread reader;
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    final boolean[] relays;

    LcusEmulator(Path port, int channels) throws IOException {
        this.channels = channels;
        this.relays = new boolean[channels + 1];
        this.in = Files.newInputStream(port);
        this.reader = Thread.ofPlatform().daemon().name("lcus-emulator").start(this::run);
    }

    private void run() {
        byte[] f = new byte[4];
        try {
            while (true) {
                int n = 0;
                while (n < 4) {
                    int r = in.read(f, n, 4 - n);
                    if (r < 0) {
                        return;
                    }
                    n += r;
                }
                String hex = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f);
                int header = f[0] & 0xFF;
                int channel = f[1] & 0xFF;
                int state = f[2] & 0xFF;
                int sum = f[3] & 0xFF;
                if (header != 0xA0) {
                    errors.add(hex + ": header is not A0");
                } else if (channel < 1 || channel > channels) {
                    errors.add(hex + ": no channel " + channel);
                } else if (state > 1) {
                    errors.add(hex + ": state is neither 00 nor 01");
                } else if (sum != ((header + channel + state) & 0xFF)) {
                    errors.add(hex + ": wrong checksum");
                } else {
                    relays[channel] = state == 1;
                }
                frames.add(hex);
            }
        } catch (IOException e) {
            // the pseudo-terminal went away (socat stopped): the board is "unplugged"
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        reader.interrupt();
    }
}
