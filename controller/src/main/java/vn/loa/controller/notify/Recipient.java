package vn.loa.controller.notify;

/**
 * A person who gets alarms on the phone.
 *
 * @param areaId alarms of stations in this area's subtree; null: every alarm (also the controller's own)
 * @param quiet  when non-urgent alarms are not sent to them; null: never quiet
 */
public record Recipient(long id, String name, String chatId, Long areaId, QuietPeriod quiet) {
}
