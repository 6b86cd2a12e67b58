// Vietnamese first, English as a switch; the choice is remembered in localStorage.
import { vi as operatorVi, en as operatorEn } from './catalogue-operator.js';

const KEY = 'loa.lang';

const vi = {
  'nav.inbox': 'Tin tỉnh gửi', 'inbox.title': 'Tin tỉnh gửi xuống xã',
  'inbox.intro': 'Theo Thông tư 39/2020/TT-BTTTT: tin thông thường do xã quyết định phát hay không và phát lúc nào; tin ưu tiên đã được xếp lịch, xã có thể dời giờ trong khoảng tỉnh cho phép; tin khẩn cấp được phát ngay.',
  'inbox.none': 'Không có tin nào trong hộp thư.', 'inbox.noneSent': 'Chưa gửi tin nào.', 'inbox.sent': 'Kết quả các tin đã gửi',
  'inbox.proposed': 'Giờ đề xuất', 'inbox.respondBy': 'Hạn trả lời', 'inbox.window': 'Được dời muộn nhất {n} phút',
  'inbox.slots': 'Giờ phát', 'inbox.reason': 'Lý do', 'inbox.slot': 'Giờ phát (giờ Việt Nam)', 'inbox.reasonField': 'Lý do từ chối',
  'inbox.accept': 'Nhận và phát', 'inbox.decline': 'Từ chối', 'inbox.moveTo': 'Dời đến (giờ Việt Nam)', 'inbox.move': 'Dời giờ',
  'inbox.done.accept': 'Đã nhận tin, lịch phát đã được tạo.', 'inbox.done.decline': 'Đã từ chối tin.', 'inbox.done.move': 'Đã dời giờ phát.',
  'inbox.level': 'Mức độ', 'inbox.commune': 'Xã', 'inbox.state': 'Kết quả',
  'level.NORMAL': 'Thông thường', 'level.PRIORITY': 'Ưu tiên', 'level.EMERGENCY': 'Khẩn cấp',
  'istate.PENDING': 'Chờ trả lời', 'istate.ACCEPTED': 'Đã nhận', 'istate.DECLINED': 'Từ chối', 'istate.EXPIRED': 'Quá hạn',
  'istate.SCHEDULED': 'Đã xếp lịch', 'istate.PLAYED': 'Đã phát',
  'app.name': 'Loa', 'nav.menu': 'Trình đơn', 'nav.signOut': 'Đăng xuất', 'skip': 'Bỏ qua đến nội dung',
  'nav.dashboard': 'Tổng quan', 'nav.bulletins': 'Bản tin', 'nav.schedules': 'Lịch phát', 'nav.announce': 'Phát thông báo',
  'nav.stations': 'Đài & cụm loa', 'nav.plays': 'Nhật ký phát', 'nav.report': 'Báo cáo tỉnh', 'nav.accounts': 'Tài khoản', 'nav.audit': 'Nhật ký thao tác',
  'nav.updates': 'Cập nhật phần mềm trạm', 'updates.title': 'Cập nhật phần mềm trạm từ xa', 'updates.releases': 'Bản phát hành', 'updates.rollouts': 'Đợt cập nhật',
  'updates.version': 'Phiên bản', 'updates.state': 'Trạng thái', 'updates.size': 'Dung lượng', 'updates.uploaded': 'Tải lên lúc', 'updates.approved': 'Duyệt lúc',
  'updates.approve': 'Duyệt và ký', 'updates.approvedOk': 'Đã duyệt và ký bản phát hành', 'updates.noReleases': 'Chưa có bản phát hành nào.',
  'updates.rollout': 'Đợt', 'updates.release': 'Bản phát hành', 'updates.detail': 'Ghi chú', 'updates.pause': 'Tạm dừng', 'updates.resume': 'Tiếp tục', 'updates.abort': 'Huỷ',
  'updates.done': 'Đã thực hiện', 'updates.noRollouts': 'Chưa có đợt cập nhật nào.',
  'release.PENDING_APPROVAL': 'Chờ quản trị viên khác duyệt', 'release.APPROVED': 'Đã duyệt và ký', 'release.WITHDRAWN': 'Đã thu hồi',
  'rollout.RUNNING': 'Đang chạy', 'rollout.PAUSED': 'Tạm dừng', 'rollout.ABORTED': 'Đã huỷ', 'rollout.COMPLETED': 'Hoàn tất',
  'role.ADMIN': 'Quản trị', 'role.OPERATOR': 'Vận hành', 'role.TECHNICIAN': 'Kỹ thuật', 'role.VIEWER': 'Chỉ xem',
  'signin.title': 'Đăng nhập hệ thống Loa', 'signin.username': 'Tên đăng nhập', 'signin.password': 'Mật khẩu', 'signin.submit': 'Đăng nhập',
  'signin.wrong': 'Sai tên đăng nhập hoặc mật khẩu.',
  'err.network': 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', 'err.forbidden': 'Bị từ chối (403):',
  'err.missingApi': 'Chức năng này chưa có trên máy chủ (API chưa được cài đặt). Hãy cập nhật bộ điều khiển.',
  'err.conflict': 'Xung đột (409):', 'err.tooLarge': 'Quá lớn (413):', 'err.server': 'Lỗi máy chủ:', 'err.page': 'Không hiển thị được trang:',
  'state.online': 'Trực tuyến', 'state.offline': 'Mất kết nối',
  'dash.title': 'Tổng quan', 'dash.online': 'Đài trực tuyến', 'dash.offline': 'Đài mất kết nối', 'dash.activeAlarms': 'Cảnh báo chưa xử lý',
  'dash.playing': 'Đang phát', 'dash.nothingPlaying': 'Hiện không đài nào đang phát.', 'dash.alarms': 'Cảnh báo', 'dash.noAlarms': 'Không có cảnh báo.',
  'dash.map': 'Bản đồ các đài', 'dash.stations': 'Các đài', 'dash.announcement': 'Thông báo',
  'map.title': 'Bản đồ vị trí các đài truyền thanh', 'map.approx': 'vị trí gần đúng theo toạ độ xã',
  'map.noneWithCoordinates': 'Chưa đài nào có toạ độ.',
  'map.note': 'Có {placed}/{total} đài hiện trên bản đồ ({approx} đài đặt theo toạ độ xã, gần đúng). Dữ liệu mẫu chỉ có toạ độ của vài xã; kỹ thuật viên cần nhập toạ độ thật của từng đài. Đường viền là vùng bao quanh các đài, không phải địa giới.',
  'map.unplaced': '{n} đài chưa có toạ độ',
  'col.station': 'Đài', 'col.state': 'Trạng thái', 'col.lastSeen': 'Liên lạc lần cuối', 'col.title': 'Tiêu đề', 'col.duration': 'Thời lượng',
  'col.created': 'Ngày tạo', 'col.usedBy': 'Dùng trong lịch', 'col.listen': 'Nghe', 'col.priority': 'Mức ưu tiên', 'col.actions': 'Thao tác',
  'col.alarm': 'Cảnh báo', 'col.raised': 'Phát sinh lúc',
  'bul.title': 'Bản tin', 'bul.new': 'Tải lên bản tin mới', 'bul.fieldTitle': 'Tiêu đề bản tin', 'bul.fieldFile': 'Tệp âm thanh (MP3 hoặc WAV)',
  'bul.upload': 'Tải lên', 'bul.uploading': 'Đang tải lên… {p}%', 'bul.processing': 'Đã gửi xong, máy chủ đang xử lý âm thanh…',
  'bul.uploaded': 'Đã lưu bản tin “{title}” ({d}).', 'bul.list': 'Danh sách bản tin', 'bul.none': 'Chưa có bản tin nào.',
  'bul.listen': 'Nghe', 'bul.audioFailed': 'Không phát được âm thanh của bản tin này.', 'bul.unused': 'Chưa dùng',
  'bul.needTitle': 'Hãy nhập tiêu đề.', 'bul.needFile': 'Hãy chọn tệp âm thanh hoặc ghi âm.', 'bul.readOnly': 'Tài khoản của bạn chỉ được xem bản tin.',
  'rec.legend': 'Hoặc ghi âm từ micrô', 'rec.start': 'Bắt đầu ghi', 'rec.stop': 'Dừng ghi', 'rec.level': 'Mức âm lượng micrô',
  'rec.recording': 'Đang ghi… {s} giây', 'rec.done': 'Đã ghi {s} giây. Nghe lại rồi bấm “Tải lên”.', 'rec.failed': 'Không mở được micrô:',
  'rec.hint': 'Trình duyệt sẽ hỏi quyền dùng micrô. Cần HTTPS (hoặc localhost).', 'rec.defaultTitle': 'Ghi âm {when}',
  'mic.unsupported': 'trình duyệt này không hỗ trợ ghi âm.', 'mic.insecure': 'trình duyệt chỉ cho dùng micrô qua HTTPS (hoặc localhost).',
  'sch.title': 'Lịch phát', 'sch.new': 'Tạo lịch phát', 'sch.bulletin': 'Bản tin', 'sch.pickBulletin': '— chọn bản tin —', 'sch.titleOptional': 'Tiêu đề (không bắt buộc)',
  'sch.type': 'Kiểu lịch', 'sch.at': 'Thời điểm phát (giờ Việt Nam)', 'sch.times': 'Các giờ phát (HH:mm, cách nhau dấu phẩy)', 'sch.from': 'Từ ngày',
  'sch.until': 'Đến ngày', 'sch.days': 'Các ngày trong tuần', 'sch.create': 'Tạo lịch', 'sch.created': 'Đã tạo lịch “{title}”.', 'sch.next': 'lần tới',
  'sch.list': 'Các lịch đang áp dụng', 'sch.none': 'Chưa có lịch nào.', 'sch.rule': 'Quy tắc', 'sch.nextRuns': 'Các lần phát tới', 'sch.delete': 'Xoá',
  'sch.confirmDelete': 'Xoá lịch “{title}”? Các đài sẽ không phát lịch này nữa.', 'sch.zones': '{n} cụm loa', 'sch.approve': 'Duyệt', 'sch.reject': 'Từ chối',
  'rule.once': 'Một lần', 'rule.daily': 'Hằng ngày', 'rule.weekly': 'Hằng tuần', 'rule.monthly': 'Hằng tháng',
  'prio.EMERGENCY': 'Khẩn cấp', 'prio.PRIORITY': 'Ưu tiên', 'prio.NORMAL': 'Thông thường',
  'day.MON': 'Thứ Hai', 'day.TUE': 'Thứ Ba', 'day.WED': 'Thứ Tư', 'day.THU': 'Thứ Năm', 'day.FRI': 'Thứ Sáu', 'day.SAT': 'Thứ Bảy', 'day.SUN': 'Chủ Nhật',
  'cal.title': 'Lịch tuần', 'cal.scope': 'Xem theo', 'cal.all': 'Tất cả', 'cal.areas': 'Địa bàn', 'cal.stations': 'Đài', 'cal.prev': 'Tuần trước', 'cal.next': 'Tuần sau',
  'cal.conflicts': '{n} chỗ trùng giờ (hai mục phát chồng lên nhau trên cùng một đài):', 'cal.noConflicts': 'Không có chỗ trùng giờ trong tuần này.',
  'targets.label': 'Nơi phát (địa bàn, đài, cụm loa)', 'targets.none': 'Chưa có địa bàn nào.',
  'approval.APPROVED': 'Đã duyệt', 'approval.PENDING': 'Chờ duyệt', 'approval.REJECTED': 'Bị từ chối',
  'ann.title': 'Phát thông báo', 'ann.readOnly': 'Tài khoản của bạn không được phát thông báo.', 'ann.fieldTitle': 'Tiêu đề thông báo',
  'ann.source': 'Nội dung', 'ann.srcBulletin': 'Bản tin có sẵn', 'ann.srcFile': 'Tệp âm thanh', 'ann.srcText': 'Văn bản (đọc tự động)', 'ann.srcLive': 'Nói trực tiếp qua micrô',
  'ann.bulletin': 'Bản tin', 'ann.file': 'Tệp (MP3 hoặc WAV)', 'ann.text': 'Nội dung cần đọc', 'ann.voice': 'Giọng đọc',
  'quiet.title': 'Giờ yên lặng và âm lượng theo giờ', 'quiet.hint': 'Trong giờ yên lặng, bản tin dưới mức ưu tiên đã chọn không phát (nhật ký phát ghi "bỏ qua vì giờ yên lặng", kể cả khi đài mất kết nối); quy tắc giảm âm lượng làm bản tin nhỏ hơn. Giờ theo giờ Việt Nam.',
  'quiet.name': 'Tên quy tắc', 'quiet.from': 'Từ', 'quiet.to': 'Đến', 'quiet.effect': 'Tác dụng', 'quiet.override': 'Vẫn phát từ mức',
  'quiet.holdBack': 'Không phát', 'quiet.attenuateShort': 'Giảm âm lượng', 'quiet.attenuate': 'Giảm {db} dB', 'quiet.gain': 'Mức giảm (dB)',
  'quiet.days': 'Ngày bắt đầu (để trống: mọi ngày)', 'quiet.add': 'Thêm quy tắc', 'quiet.added': 'Đã thêm quy tắc «{name}»',
  'quiet.delete': 'Xóa', 'quiet.deleted': 'Đã xóa quy tắc', 'quiet.none': 'Chưa có quy tắc giờ yên lặng.', 'quiet.everyStation': 'Mọi đài',
  'quiet.zones': '{n} cụm loa', 'quiet.conflicts': '{n} lần phát của lịch hiện có rơi vào giờ yên lặng này và sẽ không phát:',
  'quiet.day.MONDAY': 'Thứ Hai', 'quiet.day.TUESDAY': 'Thứ Ba', 'quiet.day.WEDNESDAY': 'Thứ Tư', 'quiet.day.THURSDAY': 'Thứ Năm',
  'quiet.day.FRIDAY': 'Thứ Sáu', 'quiet.day.SATURDAY': 'Thứ Bảy', 'quiet.day.SUNDAY': 'Chủ Nhật',
  'lang.label': 'Ngôn ngữ', 'lang.all': 'Mọi ngôn ngữ',
  'ann.preview': 'Xem trước cách đọc', 'ann.spoken': 'Sẽ đọc là:',
  'ann.voiceNorth': 'Giọng miền Bắc', 'ann.voiceCentral': 'Giọng miền Trung', 'ann.voiceSouth': 'Giọng miền Nam',
  'ann.liveHint': 'Sau khi xác nhận, micrô được mở và tiếng nói được phát ngay tới các đài.',
  'ann.chime': 'Phát chuông báo trước', 'ann.repeat': 'Số lần lặp', 'ann.send': 'Phát thông báo…',
  'ann.needTitle': 'Hãy nhập tiêu đề.', 'ann.needTargets': 'Hãy chọn nơi phát.', 'ann.needBulletin': 'Hãy chọn bản tin.', 'ann.needText': 'Hãy nhập nội dung.',
  'ann.confirmTitle': 'Xác nhận phát thông báo', 'ann.to': 'Phát tới:', 'ann.srcLabel': 'Nội dung:', 'ann.confirmSend': 'Phát ngay', 'ann.cancel': 'Huỷ',
  'ann.emergencyWarning': 'Khẩn cấp: ngắt mọi nội dung đang phát và phát ở âm lượng tối đa.',
  'ann.sent': 'Đã gửi thông báo.', 'ann.statusTitle': 'Tình trạng tại từng đài', 'ann.stop': 'Dừng phát ở mọi đài', 'ann.startAt': 'Bắt đầu:',
  'ann.started': 'Bắt đầu', 'ann.ended': 'Kết thúc', 'ann.reason': 'Ghi chú',
  'ann.liveOn': 'Micrô đang mở — đang phát trực tiếp', 'ann.liveEnd': 'Kết thúc nói', 'ann.liveDone': 'Đã kết thúc, đã gửi {s} giây.',
  'ann.liveClosed': 'Kết nối phát trực tiếp bị đóng ({code}) {reason}', 'ann.liveFailed': 'Lỗi kết nối phát trực tiếp.',
  'annState.ACTIVE': 'Đang chạy', 'annState.DONE': 'Hoàn tất', 'annState.FAILED': 'Thất bại', 'annState.STOPPED': 'Đã dừng',
  'stState.PENDING': 'Đang chờ', 'stState.RECEIVING': 'Đã nhận', 'stState.PLAYING': 'Đang phát', 'stState.DONE': 'Đã phát xong',
  'stState.FAILED': 'Lỗi', 'stState.OFFLINE': 'Mất kết nối',
  'st.title': 'Đài & cụm loa', 'st.filter': 'Lọc theo tên đài hoặc địa bàn', 'st.zones': 'Cụm loa', 'st.plan': 'Phiên bản kế hoạch', 'st.planBehind': 'đài chưa nhận kế hoạch mới nhất',
  'st.clock': 'Đồng hồ đồng bộ', 'st.health': 'Tình trạng thiết bị', 'st.range': 'Khoảng thời gian', 'st.range1h': '1 giờ qua', 'st.range24h': '24 giờ qua', 'st.range7d': '7 ngày qua',
  'st.cpuLoad': 'Tải CPU', 'st.temperature': 'Nhiệt độ', 'st.rtt': 'Độ trễ đường truyền', 'st.clockOffset': 'Lệch đồng hồ', 'st.volume': 'Âm lượng', 'st.level': 'Mức tín hiệu ra',
  'st.noHealth': 'Chưa có số liệu trong khoảng này.',
  'chart.noData': 'Không có số liệu', 'chart.last': 'Mới nhất:',
  'alarm.ACTIVE': 'Chưa xử lý', 'alarm.ACKNOWLEDGED': 'Đã ghi nhận', 'alarm.CLEARED': 'Đã hết', 'alarm.ended': 'tình trạng đã hết',
  'alarm.ack': 'Ghi nhận', 'alarm.acked': 'Đã ghi nhận cảnh báo.', 'alarm.by': 'bởi {who}', 'alarm.notePrompt': 'Ghi chú (không bắt buộc):',
  'cmd.title': 'Lệnh từ xa', 'cmd.zone': 'Cụm loa', 'cmd.seconds': 'Số giây', 'cmd.volume': 'Âm lượng', 'cmd.sending': 'Đang gửi lệnh…',
  'cmd.TEST_TONE': 'Phát âm thử', 'cmd.SILENT_TEST': 'Kiểm tra không phát tiếng', 'cmd.SET_VOLUME': 'Đặt âm lượng',
  'cmd.hint': 'Lệnh chỉ chạy khi đài trực tuyến và loa đang rảnh.',
  'plays.title': 'Nhật ký phát', 'plays.outcome': 'Kết quả', 'plays.to': 'Đến ngày', 'plays.limit': 'Tối đa', 'plays.show': 'Xem', 'plays.csv': 'Xuất CSV',
  'plays.count': '{n} bản ghi', 'plays.none': 'Không có bản ghi nào.', 'plays.what': 'Nội dung', 'plays.planned': 'Dự kiến', 'plays.schedule': 'Lịch',
  'outcome.PLAYED': 'Đã phát', 'outcome.FAILED': 'Lỗi', 'outcome.SKIPPED': 'Bỏ qua', 'outcome.PREEMPTED': 'Bị ngắt', 'outcome.STOPPED': 'Đã dừng',
  'report.title': 'Báo cáo tỉnh', 'report.month': 'Tháng', 'report.open': 'Mở trang in', 'report.hint': 'Số liệu từng xã: đài hoạt động, cụm loa, giờ phát theo mức ưu tiên, tỉ lệ sẵn sàng.',
  'acc.title': 'Tài khoản', 'acc.new': 'Thêm tài khoản', 'acc.role': 'Vai trò', 'acc.scope': 'Phạm vi', 'acc.wholeSystem': 'Toàn hệ thống', 'acc.create': 'Thêm',
  'acc.created': 'Đã thêm tài khoản.', 'acc.saved': 'Đã lưu.', 'acc.confirmDelete': 'Xoá tài khoản {name}?',
  'audit.title': 'Nhật ký thao tác', 'audit.none': 'Chưa có thao tác nào.',
};

const en = {
  'nav.inbox': 'Province bulletins', 'inbox.title': 'Bulletins from the province',
  'inbox.intro': 'Under Circular 39/2020/TT-BTTTT: the commune decides whether and when to broadcast a normal bulletin; a priority one is scheduled and may be moved within the window the province allows; an emergency plays at once.',
  'inbox.none': 'Nothing in the inbox.', 'inbox.noneSent': 'Nothing sent yet.', 'inbox.sent': 'What became of the bulletins sent',
  'inbox.proposed': 'Proposed time', 'inbox.respondBy': 'Answer by', 'inbox.window': 'May be moved up to {n} minutes later',
  'inbox.slots': 'Plays at', 'inbox.reason': 'Reason', 'inbox.slot': 'Time (Vietnam)', 'inbox.reasonField': 'Reason for declining',
  'inbox.accept': 'Accept and play', 'inbox.decline': 'Decline', 'inbox.moveTo': 'Move to (Vietnam time)', 'inbox.move': 'Move',
  'inbox.done.accept': 'Accepted; the broadcast is scheduled.', 'inbox.done.decline': 'Declined.', 'inbox.done.move': 'Moved.',
  'inbox.level': 'Level', 'inbox.commune': 'Commune', 'inbox.state': 'Outcome',
  'level.NORMAL': 'Normal', 'level.PRIORITY': 'Priority', 'level.EMERGENCY': 'Emergency',
  'istate.PENDING': 'Pending', 'istate.ACCEPTED': 'Accepted', 'istate.DECLINED': 'Declined', 'istate.EXPIRED': 'Expired',
  'istate.SCHEDULED': 'Scheduled', 'istate.PLAYED': 'Played',
  'app.name': 'Loa', 'nav.menu': 'Menu', 'nav.signOut': 'Sign out', 'skip': 'Skip to content',
  'nav.dashboard': 'Dashboard', 'nav.bulletins': 'Bulletins', 'nav.schedules': 'Schedules', 'nav.announce': 'Announce',
  'nav.stations': 'Stations & zones', 'nav.plays': 'As-run log', 'nav.report': 'Province report', 'nav.accounts': 'Accounts', 'nav.audit': 'Audit log',
  'nav.updates': 'Station updates', 'updates.title': 'Over-the-air station updates', 'updates.releases': 'Releases', 'updates.rollouts': 'Rollouts',
  'updates.version': 'Version', 'updates.state': 'State', 'updates.size': 'Size', 'updates.uploaded': 'Uploaded', 'updates.approved': 'Approved',
  'updates.approve': 'Approve and sign', 'updates.approvedOk': 'Release approved and signed', 'updates.noReleases': 'No releases yet.',
  'updates.rollout': 'Rollout', 'updates.release': 'Release', 'updates.detail': 'Detail', 'updates.pause': 'Pause', 'updates.resume': 'Resume', 'updates.abort': 'Abort',
  'updates.done': 'Done', 'updates.noRollouts': 'No rollouts yet.',
  'release.PENDING_APPROVAL': 'Waiting for another admin', 'release.APPROVED': 'Approved and signed', 'release.WITHDRAWN': 'Withdrawn',
  'rollout.RUNNING': 'Running', 'rollout.PAUSED': 'Paused', 'rollout.ABORTED': 'Aborted', 'rollout.COMPLETED': 'Completed',
  'role.ADMIN': 'Admin', 'role.OPERATOR': 'Operator', 'role.TECHNICIAN': 'Technician', 'role.VIEWER': 'Viewer',
  'signin.title': 'Sign in to Loa', 'signin.username': 'Username', 'signin.password': 'Password', 'signin.submit': 'Sign in',
  'signin.wrong': 'Wrong username or password.',
  'err.network': 'Cannot reach the controller. Check the network and try again.', 'err.forbidden': 'Refused (403):',
  'err.missingApi': 'This feature is not on the server yet (the API is not installed). Update the controller.',
  'err.conflict': 'Conflict (409):', 'err.tooLarge': 'Too large (413):', 'err.server': 'Server error:', 'err.page': 'The page could not be shown:',
  'state.online': 'Online', 'state.offline': 'Offline',
  'dash.title': 'Dashboard', 'dash.online': 'Stations online', 'dash.offline': 'Stations offline', 'dash.activeAlarms': 'Active alarms',
  'dash.playing': 'Playing now', 'dash.nothingPlaying': 'No station is playing right now.', 'dash.alarms': 'Alarms', 'dash.noAlarms': 'No alarms.',
  'dash.map': 'Station map', 'dash.stations': 'Stations', 'dash.announcement': 'Announcement',
  'map.title': 'Map of the radio stations', 'map.approx': 'approximate, at the commune\'s coordinates',
  'map.noneWithCoordinates': 'No station has coordinates yet.',
  'map.note': '{placed} of {total} stations are on the map ({approx} placed at their commune\'s coordinates, approximate). The demo data has coordinates for a few communes only; technicians should enter each station\'s real position. The outline encloses the stations; it is not a boundary.',
  'map.unplaced': '{n} stations without coordinates',
  'col.station': 'Station', 'col.state': 'State', 'col.lastSeen': 'Last seen', 'col.title': 'Title', 'col.duration': 'Duration',
  'col.created': 'Created', 'col.usedBy': 'Used by schedules', 'col.listen': 'Listen', 'col.priority': 'Priority', 'col.actions': 'Actions',
  'col.alarm': 'Alarm', 'col.raised': 'Raised',
  'bul.title': 'Bulletins', 'bul.new': 'Upload a bulletin', 'bul.fieldTitle': 'Bulletin title', 'bul.fieldFile': 'Audio file (MP3 or WAV)',
  'bul.upload': 'Upload', 'bul.uploading': 'Uploading… {p}%', 'bul.processing': 'Sent; the controller is processing the audio…',
  'bul.uploaded': 'Bulletin “{title}” stored ({d}).', 'bul.list': 'Bulletins', 'bul.none': 'No bulletins yet.',
  'bul.listen': 'Listen', 'bul.audioFailed': 'This bulletin\'s audio cannot be played.', 'bul.unused': 'Not used',
  'bul.needTitle': 'Enter a title.', 'bul.needFile': 'Choose an audio file or record one.', 'bul.readOnly': 'Your account may only read bulletins.',
  'rec.legend': 'Or record from the microphone', 'rec.start': 'Start recording', 'rec.stop': 'Stop', 'rec.level': 'Microphone level',
  'rec.recording': 'Recording… {s} s', 'rec.done': 'Recorded {s} s. Listen, then press “Upload”.', 'rec.failed': 'The microphone could not be opened:',
  'rec.hint': 'The browser asks for microphone permission. Needs HTTPS (or localhost).', 'rec.defaultTitle': 'Recording {when}',
  'mic.unsupported': 'this browser cannot record.', 'mic.insecure': 'browsers allow the microphone only over HTTPS (or localhost).',
  'sch.title': 'Schedules', 'sch.new': 'New schedule', 'sch.bulletin': 'Bulletin', 'sch.pickBulletin': '— choose a bulletin —', 'sch.titleOptional': 'Title (optional)',
  'sch.type': 'Kind', 'sch.at': 'When (Vietnam time)', 'sch.times': 'Times (HH:mm, comma-separated)', 'sch.from': 'From',
  'sch.until': 'Until', 'sch.days': 'Days of the week', 'sch.create': 'Create schedule', 'sch.created': 'Schedule “{title}” created.', 'sch.next': 'next',
  'sch.list': 'Active schedules', 'sch.none': 'No schedules yet.', 'sch.rule': 'Rule', 'sch.nextRuns': 'Next runs', 'sch.delete': 'Delete',
  'sch.confirmDelete': 'Delete the schedule “{title}”? Stations will no longer play it.', 'sch.zones': '{n} zones', 'sch.approve': 'Approve', 'sch.reject': 'Reject',
  'rule.once': 'Once', 'rule.daily': 'Daily', 'rule.weekly': 'Weekly', 'rule.monthly': 'Monthly',
  'prio.EMERGENCY': 'Emergency', 'prio.PRIORITY': 'Priority', 'prio.NORMAL': 'Normal',
  'day.MON': 'Monday', 'day.TUE': 'Tuesday', 'day.WED': 'Wednesday', 'day.THU': 'Thursday', 'day.FRI': 'Friday', 'day.SAT': 'Saturday', 'day.SUN': 'Sunday',
  'cal.title': 'Week calendar', 'cal.scope': 'Show', 'cal.all': 'All', 'cal.areas': 'Areas', 'cal.stations': 'Stations', 'cal.prev': 'Previous week', 'cal.next': 'Next week',
  'cal.conflicts': '{n} conflicts (two items overlapping on one station):', 'cal.noConflicts': 'No conflicts this week.',
  'targets.label': 'Where (areas, stations, zones)', 'targets.none': 'No areas yet.',
  'approval.APPROVED': 'Approved', 'approval.PENDING': 'Pending approval', 'approval.REJECTED': 'Rejected',
  'ann.title': 'Announce', 'ann.readOnly': 'Your account may not send announcements.', 'ann.fieldTitle': 'Announcement title',
  'ann.source': 'Content', 'ann.srcBulletin': 'Existing bulletin', 'ann.srcFile': 'Audio file', 'ann.srcText': 'Text (spoken)', 'ann.srcLive': 'Live microphone',
  'ann.bulletin': 'Bulletin', 'ann.file': 'File (MP3 or WAV)', 'ann.text': 'Text to speak', 'ann.voice': 'Voice',
  'quiet.title': 'Quiet hours and time-of-day volume', 'quiet.hint': 'In quiet hours, bulletins below the chosen priority do not play (the as-run log records "skipped for quiet hours", even when the station is offline); a volume rule plays them quieter. Times are Vietnam time.',
  'quiet.name': 'Rule name', 'quiet.from': 'From', 'quiet.to': 'To', 'quiet.effect': 'Effect', 'quiet.override': 'Still plays from',
  'quiet.holdBack': 'Hold back', 'quiet.attenuateShort': 'Quieter', 'quiet.attenuate': '{db} dB quieter', 'quiet.gain': 'Attenuation (dB)',
  'quiet.days': 'Starting days (empty: every day)', 'quiet.add': 'Add rule', 'quiet.added': 'Rule “{name}” added',
  'quiet.delete': 'Delete', 'quiet.deleted': 'Rule deleted', 'quiet.none': 'No quiet hours yet.', 'quiet.everyStation': 'Every station',
  'quiet.zones': '{n} zones', 'quiet.conflicts': '{n} plays of existing schedules fall in these quiet hours and will not play:',
  'quiet.day.MONDAY': 'Monday', 'quiet.day.TUESDAY': 'Tuesday', 'quiet.day.WEDNESDAY': 'Wednesday', 'quiet.day.THURSDAY': 'Thursday',
  'quiet.day.FRIDAY': 'Friday', 'quiet.day.SATURDAY': 'Saturday', 'quiet.day.SUNDAY': 'Sunday',
  'lang.label': 'Language', 'lang.all': 'All languages',
  'ann.preview': 'Preview the reading', 'ann.spoken': 'Will be read as:',
  'ann.voiceNorth': 'Northern voice', 'ann.voiceCentral': 'Central voice', 'ann.voiceSouth': 'Southern voice',
  'ann.liveHint': 'After you confirm, the microphone opens and your voice goes to the stations at once.',
  'ann.chime': 'Chime first', 'ann.repeat': 'Repeat', 'ann.send': 'Announce…',
  'ann.needTitle': 'Enter a title.', 'ann.needTargets': 'Choose where to announce.', 'ann.needBulletin': 'Choose a bulletin.', 'ann.needText': 'Enter the text.',
  'ann.confirmTitle': 'Confirm the announcement', 'ann.to': 'To:', 'ann.srcLabel': 'Content:', 'ann.confirmSend': 'Announce now', 'ann.cancel': 'Cancel',
  'ann.emergencyWarning': 'Emergency: interrupts everything and plays at full volume.',
  'ann.sent': 'Announcement sent.', 'ann.statusTitle': 'State at each station', 'ann.stop': 'Stop everywhere', 'ann.startAt': 'Starts:',
  'ann.started': 'Started', 'ann.ended': 'Ended', 'ann.reason': 'Remarks',
  'ann.liveOn': 'Microphone open — live on air', 'ann.liveEnd': 'Stop speaking', 'ann.liveDone': 'Ended; {s} s sent.',
  'ann.liveClosed': 'The live connection closed ({code}) {reason}', 'ann.liveFailed': 'Live connection error.',
  'annState.ACTIVE': 'Running', 'annState.DONE': 'Done', 'annState.FAILED': 'Failed', 'annState.STOPPED': 'Stopped',
  'stState.PENDING': 'Pending', 'stState.RECEIVING': 'Received', 'stState.PLAYING': 'Playing', 'stState.DONE': 'Done',
  'stState.FAILED': 'Failed', 'stState.OFFLINE': 'Offline',
  'st.title': 'Stations & zones', 'st.filter': 'Filter by station or area', 'st.zones': 'Zones', 'st.plan': 'Plan version', 'st.planBehind': 'the station does not hold the latest plan yet',
  'st.clock': 'Clock synchronised', 'st.health': 'Health', 'st.range': 'Period', 'st.range1h': 'Last hour', 'st.range24h': 'Last 24 hours', 'st.range7d': 'Last 7 days',
  'st.cpuLoad': 'CPU load', 'st.temperature': 'Temperature', 'st.rtt': 'Link round trip', 'st.clockOffset': 'Clock offset', 'st.volume': 'Volume', 'st.level': 'Output level',
  'st.noHealth': 'No data in this period.',
  'chart.noData': 'No data', 'chart.last': 'Latest:',
  'alarm.ACTIVE': 'Active', 'alarm.ACKNOWLEDGED': 'Acknowledged', 'alarm.CLEARED': 'Cleared', 'alarm.ended': 'condition ended',
  'alarm.ack': 'Acknowledge', 'alarm.acked': 'Alarm acknowledged.', 'alarm.by': 'by {who}', 'alarm.notePrompt': 'Note (optional):',
  'cmd.title': 'Remote commands', 'cmd.zone': 'Zone', 'cmd.seconds': 'Seconds', 'cmd.volume': 'Volume', 'cmd.sending': 'Sending…',
  'cmd.TEST_TONE': 'Test tone', 'cmd.SILENT_TEST': 'Silent test', 'cmd.SET_VOLUME': 'Set volume',
  'cmd.hint': 'Commands run only while the station is online and its loudspeakers are free.',
  'plays.title': 'As-run log', 'plays.outcome': 'Outcome', 'plays.to': 'To', 'plays.limit': 'At most', 'plays.show': 'Show', 'plays.csv': 'Export CSV',
  'plays.count': '{n} records', 'plays.none': 'No records.', 'plays.what': 'What', 'plays.planned': 'Planned', 'plays.schedule': 'Schedule',
  'outcome.PLAYED': 'Played', 'outcome.FAILED': 'Failed', 'outcome.SKIPPED': 'Skipped', 'outcome.PREEMPTED': 'Interrupted', 'outcome.STOPPED': 'Stopped',
  'report.title': 'Province report', 'report.month': 'Month', 'report.open': 'Open printable page', 'report.hint': 'Per commune: stations working, zones, hours broadcast by priority, availability.',
  'acc.title': 'Accounts', 'acc.new': 'New account', 'acc.role': 'Role', 'acc.scope': 'Scope', 'acc.wholeSystem': 'Whole system', 'acc.create': 'Add',
  'acc.created': 'Account added.', 'acc.saved': 'Saved.', 'acc.confirmDelete': 'Delete the account {name}?',
  'audit.title': 'Audit log', 'audit.none': 'Nothing recorded yet.',
};

Object.assign(vi, operatorVi);
Object.assign(en, operatorEn);
const DICTS = { vi, en };

export function lang() {
  const l = localStorage.getItem(KEY);
  return l === 'en' ? 'en' : 'vi';
}

export function setLang(l) {
  localStorage.setItem(KEY, l === 'en' ? 'en' : 'vi');
}

/** The whole catalogue of a language (the console tests compare the page's texts with it). */
export function catalogue(l) {
  return { ...DICTS[l === 'en' ? 'en' : 'vi'] };
}

/** Whether the catalogue has a text for this key. */
export function has(key) {
  return vi[key] !== undefined;
}

export function t(key, vars) {
  let s = DICTS[lang()][key];
  if (s === undefined) s = vi[key];
  if (s === undefined) { console.warn('missing text', key); s = key; }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? vars[k] : m));
  return s;
}

/** Texts written in index.html (data-i18n) and the language switch itself. */
export function applyStatic() {
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  const sw = document.getElementById('lang-switch');
  if (sw) {
    sw.textContent = lang() === 'vi' ? 'English' : 'Tiếng Việt';
    sw.setAttribute('lang', lang() === 'vi' ? 'en' : 'vi');
    sw.setAttribute('aria-label', lang() === 'vi' ? 'Switch to English' : 'Chuyển sang tiếng Việt');
  }
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('skip');
}
