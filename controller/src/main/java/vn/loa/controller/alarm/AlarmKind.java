package vn.loa.controller.alarm;

/** What can be wrong at a station, with its name for people (Vietnamese first, English second). */
public enum AlarmKind {
    STATION_OFFLINE("Đài mất kết nối", "Station offline"),
    AMPLIFIER_FAULT("Lỗi bộ khuếch đại", "Amplifier fault"),
    MAINS_LOST("Mất điện lưới, đang chạy nguồn dự phòng", "Mains lost, on DC backup"),
    DOOR_OPEN("Cửa tủ thiết bị đang mở", "Cabinet door open"),
    TEMPERATURE_HIGH("Nhiệt độ thiết bị cao", "Temperature high"),
    DISK_LOW("Sắp hết dung lượng lưu trữ", "Disk space low"),
    CLOCK_UNSYNCHRONISED("Đồng hồ chưa đồng bộ", "Clock unsynchronised"),
    ZONE_FAILED("Cụm loa không đóng được", "Zone failed"),
    PLAY_FAILURES("Phát lỗi nhiều lần liên tiếp", "Repeated play failures"),
    DEVICE_FAULT("Thiết bị điều khiển tại đài bị lỗi", "Station device fault"),
    ZONES_MISMATCH("Cụm loa trong cấu hình phần cứng không khớp với máy chủ", "Hardware zones do not match the controller's"),
    /** The station's mobile-data link is weak (Heartbeat.cellular; docs/updates.md#cellular-link-health). */
    WEAK_SIGNAL("Sóng di động yếu, đài có nguy cơ mất kết nối", "Weak mobile signal, station at risk"),
    /** The month's mobile data passed a share of the station's data plan (Heartbeat.cellular; docs/updates.md#the-data-plan). */
    DATA_QUOTA("Sắp hết dung lượng gói cước di động, đài có nguy cơ mất kết nối", "Mobile data plan nearly used up, station at risk"),
    /** A relay's upstream dead, silent or unreachable in its window; raised on station 0 (the controller), per relay. */
    RELAY_UPSTREAM_DOWN("Nguồn tiếp sóng mất tín hiệu", "Relay upstream down"),
    /** An exchange or webhook endpoint that keeps failing (docs/integration.md#delivery); station 0, per endpoint. */
    OUTBOUND_ENDPOINT_DOWN("Không gửi được dữ liệu tới hệ thống ngoài", "Outbound endpoint down");

    private final String vietnamese;
    private final String english;

    AlarmKind(String vietnamese, String english) {
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }
}
