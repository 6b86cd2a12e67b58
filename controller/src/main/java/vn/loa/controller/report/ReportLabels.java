package vn.loa.controller.report;

import java.util.Map;

/** The report's words: Vietnamese first, English second. */
final class ReportLabels {
    private ReportLabels() {
    }

    static final String TITLE = "Báo cáo hoạt động đài truyền thanh cơ sở / Commune radio station report";
    static final String MONTH = "Tháng / Month";
    static final String DISTRICT = "Huyện (cũ) / District (former)";
    static final String COMMUNE_CODE = "Mã xã / Commune code";
    static final String COMMUNE = "Xã / Commune";
    static final String VILLAGE = "Thôn / Village";
    static final String NO_VILLAGE = "(chưa gán thôn / no village)";
    static final String STATIONS = "Số đài / Stations";
    static final String STATIONS_WORKING = "Đài hoạt động / Stations working";
    static final String ZONES = "Cụm loa / Zones";
    static final String ZONES_WORKING = "Cụm loa hoạt động / Zones working";
    static final String TOTAL_HOURS = "Tổng giờ phát / Total hours";
    static final String AVAILABILITY = "Tỷ lệ sẵn sàng (%) / Availability (%)";
    static final String FAILED = "Lượt phát lỗi / Failed plays";
    static final String SKIPPED = "Lượt bỏ qua / Skipped plays";
    static final String LANGUAGE_CODE = "Mã ngôn ngữ / Language code";
    static final String LANGUAGE = "Ngôn ngữ / Language";
    static final String PLAYED_BULLETINS = "Lượt phát bản tin / Bulletins played";
    static final String BY_LANGUAGE_VI = "Bản tin đã phát theo ngôn ngữ";
    static final String BY_LANGUAGE_EN = "Bulletins played by language";
    static final String GENERATED = "Lập lúc / Generated";
    static final String PERIOD = "Số liệu đến / Figures up to";

    static final Map<String, String> INBOX = Map.of(
            "PENDING", "Tin tỉnh gửi: chờ trả lời / Province bulletins: pending",
            "ACCEPTED", "Tin tỉnh gửi: đã nhận / Province bulletins: accepted",
            "PLAYED", "Tin tỉnh gửi: đã phát / Province bulletins: played",
            "DECLINED", "Tin tỉnh gửi: từ chối / Province bulletins: declined",
            "EXPIRED", "Tin tỉnh gửi: quá hạn / Province bulletins: expired");

    static final Map<String, String> HOURS = Map.of(
            "EMERGENCY", "Giờ phát khẩn cấp / Emergency hours",
            "PRIORITY", "Giờ phát ưu tiên / Priority hours",
            "NORMAL", "Giờ phát thông thường / Normal hours",
            "RELAY", "Giờ tiếp sóng / Relay hours",
            "BACKGROUND", "Giờ phát nền / Background hours");
}
