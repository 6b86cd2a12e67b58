package vn.loa.controller.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNumbersTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "0|không", "1|một", "5|năm", "10|mười", "11|mười một", "14|mười bốn", "15|mười lăm", "20|hai mươi",
            "21|hai mươi mốt", "24|hai mươi tư", "25|hai mươi lăm", "55|năm mươi lăm", "99|chín mươi chín",
            "100|một trăm", "101|một trăm linh một", "105|một trăm linh năm", "110|một trăm mười",
            "115|một trăm mười lăm", "999|chín trăm chín mươi chín", "1000|một nghìn",
            "1005|một nghìn không trăm linh năm", "1010|một nghìn không trăm mười", "2020|hai nghìn không trăm hai mươi",
            "2025|hai nghìn không trăm hai mươi lăm", "10000|mười nghìn", "15000|mười lăm nghìn",
            "100000|một trăm nghìn", "250000|hai trăm năm mươi nghìn", "1000000|một triệu",
            "1500000|một triệu năm trăm nghìn", "2000005|hai triệu không trăm linh năm",
            "1000000000|một tỷ", "12200000000|mười hai tỷ hai trăm triệu",
            "1000000000000|một nghìn tỷ", "1234000000000|một nghìn hai trăm ba mươi tư tỷ"})
    void integers(long n, String words) {
        assertThat(VietnameseNumbers.integer(n)).isEqualTo(words);
        assertThat(VietnameseNumbers.integer(Long.toString(n))).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"007|không không bảy", "0912|không chín một hai",
            "1234567890123456|một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu"})
    void identifiersAreReadDigitByDigit(String digits, String words) {
        assertThat(VietnameseNumbers.integer(digits)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0},{1} → {2}")
    @CsvSource(delimiter = '|', value = {"3|5|ba phẩy năm", "0|25|không phẩy hai mươi lăm", "2|05|hai phẩy không năm",
            "12|345|mười hai phẩy ba trăm bốn mươi lăm", "1|2345|một phẩy hai ba bốn năm"})
    void decimals(String whole, String fraction, String words) {
        assertThat(VietnameseNumbers.decimal(whole, fraction)).isEqualTo(words);
    }

    @Test
    void ordinalsAndMonths() {
        assertThat(VietnameseNumbers.ordinal("1")).isEqualTo("nhất");
        assertThat(VietnameseNumbers.ordinal("4")).isEqualTo("tư");
        assertThat(VietnameseNumbers.ordinal("7")).isEqualTo("bảy");
        assertThat(VietnameseNumbers.month(4)).isEqualTo("tư");
        assertThat(VietnameseNumbers.month(12)).isEqualTo("mười hai");
        assertThatThrownBy(() -> VietnameseNumbers.month(13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VietnameseNumbers.integer("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
