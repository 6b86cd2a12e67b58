package vn.loa.hardware.serial;

/** CRC-16/Modbus (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first. */
public final class ModbusCrc {
    private ModbusCrc() {
    }

    public static int crc(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** The frame with its CRC appended. */
    public static byte[] append(byte[] frame) {
        byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
        int crc = crc(frame, 0, frame.length);
        out[frame.length] = (byte) crc;
        out[frame.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** Whether the last two bytes are the CRC of the rest. */
    public static boolean valid(byte[] frame) {
        if (frame.length < 3) {
            return false;
        }
        int crc = crc(frame, 0, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == (crc & 0xFF) && (frame[frame.length - 1] & 0xFF) == (crc >>> 8);
    }
}
