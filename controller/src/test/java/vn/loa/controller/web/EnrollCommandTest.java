package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The enrollment command shown with a new token names the console as the request reached it (enrollment is HTTPS). */
class EnrollCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "loa.tinh.vn          | sudo loa-agent enroll --controller loa.tinh.vn --token T",
            "loa.tinh.vn:8443     | sudo loa-agent enroll --controller loa.tinh.vn:8443 --token T",
            "[fd00::5]:443        | sudo loa-agent enroll --controller [fd00::5]:443 --token T",
            "NULL                 | sudo loa-agent enroll --controller CONSOLE-HOST:PORT --token T"})
    void namesTheConsoleAsReached(String host, String expected) {
        assertThat(PkiEndpoints.enrollCommand(host, "T")).isEqualTo(expected);
    }
}
