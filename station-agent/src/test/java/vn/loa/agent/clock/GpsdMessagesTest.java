package vn.loa.agent.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GPS time from gpsd's JSON lines (https://gpsd.io/gpsd_json.html). */
class GpsdMessagesTest {
    /** 2026-12-07T14:10:21Z in microseconds. */
    private static final long T_US = 1_796_652_621_000_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case                          | line                                                                                              | received at (us after T) | offset us
            "TPV 3D fix, read 0.3 s later   | {\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"mode\":3,\"time\":\"2026-12-07T14:10:21.000Z\",\"lat\":21.02} | 300000   | -300000",
            "TPV 2D fix, system 1 h behind  | {\"class\":\"TPV\",\"mode\":2,\"time\":\"2026-12-07T14:10:21.000Z\"}                                  | -3600000000 | 3600000000",
            "TPV with milliseconds          | {\"class\":\"TPV\",\"mode\":3,\"time\":\"2026-12-07T14:10:21.250Z\"}                                  | 0        | 250000",
            "TPV without a fix              | {\"class\":\"TPV\",\"mode\":1,\"time\":\"2026-12-07T14:10:21.000Z\"}                                  | 0        | -",
            "TPV without time               | {\"class\":\"TPV\",\"mode\":3,\"lat\":21.02}                                                           | 0        | -",
            "TPV with a broken time         | {\"class\":\"TPV\",\"mode\":3,\"time\":\"yesterday\"}                                                   | 0        | -",
            "PPS: real minus clock          | {\"class\":\"PPS\",\"device\":\"/dev/pps0\",\"real_sec\":1796652621,\"real_nsec\":0,\"clock_sec\":1796649021,\"clock_nsec\":999500000} | 0 | 3599000500",
            "PPS ignores the read time      | {\"class\":\"PPS\",\"real_sec\":1796652621,\"real_nsec\":0,\"clock_sec\":1796652621,\"clock_nsec\":1000} | 987654 | -1",
            "VERSION                        | {\"class\":\"VERSION\",\"release\":\"3.22\",\"proto_major\":3,\"proto_minor\":14}                     | 0        | -",
            "DEVICES with nested objects    | {\"class\":\"DEVICES\",\"devices\":[{\"class\":\"DEVICE\",\"path\":\"/dev/pts/3\"}]}                  | 0        | -",
            "SKY                            | {\"class\":\"SKY\",\"satellites\":[{\"PRN\":5,\"used\":true}],\"time\":\"2026-12-07T14:10:21.000Z\"} | 0     | -",
            "not JSON                       | GPRMC,141021.00,A                                                                                 | 0        | -",
            "a cut line                     | {\"class\":\"TPV\",\"mode\":3,\"ti                                                                   | 0        | -"})
    void readsGpsTime(String name, String line, long receivedAfterUs, Long offsetUs) {
        OptionalLong expected = offsetUs == null ? OptionalLong.empty() : OptionalLong.of(offsetUs);
        assertThat(GpsdMessages.offsetUs(line, T_US + receivedAfterUs)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "localhost              | localhost  | 2947",
            "127.0.0.1:29470        | 127.0.0.1  | 29470",
            "' gps.local:2947 '     | gps.local  | 2947"})
    void parsesTheAddress(String text, String host, int port) {
        assertThat(GpsdAddress.parse(text)).isEqualTo(new GpsdAddress(host, port));
    }
}
