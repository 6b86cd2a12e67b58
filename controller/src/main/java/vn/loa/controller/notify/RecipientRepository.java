package vn.loa.controller.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import vn.loa.controller.storage.Jdbc;

/** The people who get alarms on the phone (table {@code phone_recipient}, V25). */
public final class RecipientRepository {
    private final Jdbc jdbc;

    public RecipientRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, String chatId, Long areaId, QuietPeriod quiet, Instant now) {
        return jdbc.insert("INSERT INTO phone_recipient (name, chat_id, area_id, quiet_from, quiet_to, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", name, chatId, areaId, quiet == null ? null : quiet.from().toString(),
                quiet == null ? null : quiet.to().toString(), now);
    }

    public List<Recipient> live() {
        return jdbc.query("SELECT id, name, chat_id, area_id, quiet_from, quiet_to FROM phone_recipient "
                + "WHERE deleted_at IS NULL ORDER BY id", RecipientRepository::recipient);
    }

    public boolean delete(long id, Instant now) {
        return jdbc.update("UPDATE phone_recipient SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", now, id) == 1;
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        String from = rs.getString("quiet_from");
        String to = rs.getString("quiet_to");
        return new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("chat_id"),
                Jdbc.nullableLong(rs, "area_id"), from == null || to == null ? null
                : new QuietPeriod(LocalTime.parse(from), LocalTime.parse(to)));
    }
}
