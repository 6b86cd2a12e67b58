package vn.loa.controller.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Phrases as they appear in commune bulletins, and how an announcer reads them. */
class VietnameseTextNormaliserTest {
    private final VietnameseTextNormaliser normaliser = new VietnameseTextNormaliser();

    static Stream<Arguments> phrases() {
        return Stream.of(
                // the sentence
                Arguments.of("Ngày 7/12, lúc 14h30, mực nước sông Kỳ Cùng đạt 3,5 m. UBND xã đề nghị bà con chú ý.",
                        "Ngày bảy tháng mười hai, lúc mười bốn giờ ba mươi, mực nước sông Kỳ Cùng đạt ba phẩy năm mét. "
                                + "Ủy ban nhân dân xã đề nghị bà con chú ý."),
                // dates
                Arguments.of("ngày 07/12/2026", "ngày bảy tháng mười hai năm hai nghìn không trăm hai mươi sáu"),
                Arguments.of("từ ngày 1/4", "từ ngày một tháng tư"),
                Arguments.of("ngày 7-9/12", "ngày bảy đến chín tháng mười hai"),
                Arguments.of("ngày 15-12-2026", "ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi sáu"),
                Arguments.of("trong tháng 12/2026", "trong tháng mười hai năm hai nghìn không trăm hai mươi sáu"),
                Arguments.of("tháng 4 năm nay", "tháng tư năm nay"),
                Arguments.of("mùng 05 tháng Giêng", "mùng năm tháng Giêng"),
                Arguments.of("hạn nộp trước 31/12", "hạn nộp trước ba mươi mốt tháng mười hai"),
                Arguments.of("ngày 1/7/2025 sáp nhập", "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm sáp nhập"),
                // times
                Arguments.of("lúc 5h", "lúc năm giờ"),
                Arguments.of("từ 5h30 đến 6h", "từ năm giờ ba mươi đến sáu giờ"),
                Arguments.of("từ 21h30-5h30 hôm sau", "từ hai mươi mốt giờ ba mươi đến năm giờ ba mươi hôm sau"),
                Arguments.of("vào 17:00 chiều nay", "vào mười bảy giờ đúng chiều nay"),
                Arguments.of("hồi 10:45", "hồi mười giờ bốn mươi lăm phút"),
                Arguments.of("trực 24/24h", "trực hai mươi tư trên hai mươi tư giờ"),
                // numbers
                Arguments.of("có 15 hộ dân", "có mười lăm hộ dân"),
                Arguments.of("21 thôn", "hai mươi mốt thôn"),
                Arguments.of("24 người", "hai mươi tư người"),
                Arguments.of("105 học sinh", "một trăm linh năm học sinh"),
                Arguments.of("1.250 hộ", "một nghìn hai trăm năm mươi hộ"),
                Arguments.of("2.019 cụm loa", "hai nghìn không trăm mười chín cụm loa"),
                Arguments.of("dân số 1.500.000 người", "dân số một triệu năm trăm nghìn người"),
                Arguments.of("12,2 tỷ đồng", "mười hai phẩy hai tỷ đồng"),
                Arguments.of("hỗ trợ 500.000đ mỗi hộ", "hỗ trợ năm trăm nghìn đồng mỗi hộ"),
                Arguments.of("mức phạt 2.000.000 VNĐ", "mức phạt hai triệu đồng"),
                Arguments.of("năm 2020", "năm hai nghìn không trăm hai mươi"),
                Arguments.of("lần thứ 2", "lần thứ hai"),
                Arguments.of("thứ 4 hàng tuần", "thứ tư hàng tuần"),
                Arguments.of("giải thứ 1", "giải thứ nhất"),
                Arguments.of("tỷ lệ 0,25", "tỷ lệ không phẩy hai mươi lăm"),
                Arguments.of("phiên bản 2.05", "phiên bản hai chấm không năm"),
                Arguments.of("nhà số 10", "nhà số mười"),
                // units
                Arguments.of("lượng mưa 150 mm", "lượng mưa một trăm năm mươi mi li mét"),
                Arguments.of("lượng mưa phổ biến 50-100mm", "lượng mưa phổ biến năm mươi đến một trăm mi li mét"),
                Arguments.of("nhiệt độ 20-25°C", "nhiệt độ hai mươi đến hai mươi lăm độ xê"),
                Arguments.of("nhiệt độ thấp nhất -2°C", "nhiệt độ thấp nhất âm hai độ xê"),
                Arguments.of("độ ẩm 85%", "độ ẩm tám mươi lăm phần trăm"),
                Arguments.of("cách 12 km", "cách mười hai ki lô mét"),
                Arguments.of("gió giật 60km/h", "gió giật sáu mươi ki lô mét một giờ"),
                Arguments.of("sạt lở 200 m3 đất", "sạt lở hai trăm mét khối đất"),
                Arguments.of("gieo cấy 35 ha lúa", "gieo cấy ba mươi lăm héc ta lúa"),
                Arguments.of("50 kg gạo", "năm mươi ki lô gam gạo"),
                Arguments.of("rộng 3 m2", "rộng ba mét vuông"),
                Arguments.of("cao 1,5m", "cao một phẩy năm mét"),
                // phone numbers
                Arguments.of("gọi 0912 345 678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
                Arguments.of("liên hệ 0912345678", "liên hệ không chín một hai, ba bốn năm, sáu bảy tám"),
                Arguments.of("số 0205.3812.345", "số không hai không năm, ba tám một hai, ba bốn năm"),
                Arguments.of("gọi 114 khi có cháy", "gọi một một bốn khi có cháy"),
                Arguments.of("đường dây nóng 1022", "đường dây nóng một không hai hai"),
                Arguments.of("+84 912 345 678", "cộng tám tư, chín một hai, ba bốn năm, sáu bảy tám"),
                // abbreviations and codes
                Arguments.of("HĐND xã", "Hội đồng nhân dân xã"),
                Arguments.of("HTX nông nghiệp", "hợp tác xã nông nghiệp"),
                Arguments.of("trường THCS Đội Cấn", "trường trung học cơ sở Đội Cấn"),
                Arguments.of("Ban CHQS xã", "Ban xê hát quy ét xã"),
                Arguments.of("BCH PCTT&TKCN huyện", "ban chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn huyện"),
                Arguments.of("phát triển KT-XH", "phát triển kinh tế xã hội"),
                Arguments.of("Sở GD&ĐT", "Sở giáo dục và đào tạo"),
                Arguments.of("Thông tư 39/2020/TT-BTTTT",
                        "Thông tư ba mươi chín năm hai nghìn không trăm hai mươi, thông tư Bộ Thông tin và Truyền thông"),
                Arguments.of("Nghị quyết số 1672/NQ-UBTVQH15", "Nghị quyết số một nghìn sáu trăm bảy mươi hai, nghị quyết "
                        + "Ủy ban Thường vụ Quốc hội mười lăm"),
                Arguments.of("TP Lạng Sơn", "thành phố Lạng Sơn"),
                Arguments.of("QL 1A", "quốc lộ một A"),
                Arguments.of("mạng 4G", "mạng bốn giê"),
                Arguments.of("bệnh nhân F0", "bệnh nhân ép không"),
                Arguments.of("rút tiền ở ATM", "rút tiền ở a tê em mờ"),
                // loanwords, capitals, symbols
                Arguments.of("dịch Covid-19", "dịch cô vít mười chín"),
                Arguments.of("tiêm vaccine", "tiêm vắc xin"),
                Arguments.of("qua Zalo hoặc Facebook", "qua da lô hoặc phây búc"),
                Arguments.of("THÔNG BÁO KHẨN", "thông báo khẩn"),
                Arguments.of("Lạng Sơn - Cao Bằng", "Lạng Sơn, Cao Bằng"),
                Arguments.of("nam & nữ", "nam và nữ"),
                Arguments.of("khu B", "khu bê"),
                Arguments.of("bà con   chú ý !", "bà con chú ý!"),
                Arguments.of("khuỷu tay", "khuỷu tay"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phrases")
    void readsAsAnAnnouncerWould(String written, String spoken) {
        assertThat(normaliser.normalise(written)).isEqualTo(spoken);
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastSixtyPhrases() {
        assertThat(phrases().count()).isGreaterThanOrEqualTo(60);
    }

    @org.junit.jupiter.api.Test
    void plainVietnameseIsUntouched() {
        String text = "Bà con nhân dân chú ý, mưa lớn kéo dài có thể gây lũ quét và sạt lở đất.";
        assertThat(normaliser.normalise(text)).isEqualTo(text);
    }
}
