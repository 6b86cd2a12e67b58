package vn.loa.controller.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Copies a controller database into an empty one (H2 to PostgreSQL: {@code loa-controller migrate-db}):
 * the target gets the same schema from the same migrations, then every table's rows in dependency order,
 * in one transaction; the row counts are compared and the identity columns set past the copied keys
 * before it commits. A target that already holds data is refused. The controller must be stopped.
 */
public final class DatabaseCopy {
    /** Rows per JDBC batch, unless {@link #BATCH_BYTES} is reached first (media chunks are 1 MiB each). */
    static final int BATCH_ROWS = 500;
    static final long BATCH_BYTES = 16L << 20;
    private static final String HISTORY = "flyway_schema_history";

    /** One table copied. */
    public record Copied(String table, long rows) {
    }

    /** What was copied, in the order it was, and the schema version both databases are at. */
    public record Result(String schemaVersion, List<Copied> tables) {
        public long rows() {
            return tables.stream().mapToLong(Copied::rows).sum();
        }
    }

    /** The target already holds something: nothing was copied. */
    public static final class TargetNotEmptyException extends RuntimeException {
        TargetNotEmptyException(String message) {
            super(message);
        }
    }

    private DatabaseCopy() {
    }

    /**
     * @param source   a controller database, migrated to the current schema
     * @param target   connected, not migrated: empty, or (a run that failed part-way) at the current schema
     *                 with every table empty
     * @param progress one line per step, for the person running it
     */
    public static Result copy(Database source, Database target, Consumer<String> progress) {
        try {
            refuseUnlessEmpty(target);
            target.migrate();
            String version = checkSameVersion(source, target);
            List<Copied> copied = copyTables(source, target, progress);
            return new Result(version, copied);
        } catch (SQLException e) {
            throw new StorageException("copying " + source.displayUrl() + " to " + target.displayUrl() + " failed", e);
        }
    }

    private static void refuseUnlessEmpty(Database target) throws SQLException {
        try (Connection c = target.connection()) {
            List<String> tables = tables(c);
            List<String> withRows = new ArrayList<>();
            for (String t : tables) {
                if (!t.equals(HISTORY) && count(c, t) > 0) {
                    withRows.add(t);
                }
            }
            if (!withRows.isEmpty()) {
                throw new TargetNotEmptyException("the target database " + target.displayUrl() + " is not empty ("
                        + String.join(", ", withRows) + " hold rows): migrate-db copies into an empty database only. "
                        + "Create a new one (see docs/deployment.md) and give its URL to --to");
            }
            if (!tables.isEmpty() && !tables.contains(HISTORY)) {
                throw new TargetNotEmptyException("the target database " + target.displayUrl() + " has tables that are "
                        + "not Loa's (" + String.join(", ", tables) + "): give an empty database to --to");
            }
        }
    }

    private static String checkSameVersion(Database source, Database target) throws SQLException {
        List<String> from = versions(source);
        List<String> to = versions(target);
        if (!from.equals(to)) {
            throw new IllegalStateException("the two databases are at different schema versions (source " + from
                    + ", target " + to + "): run this version of loa-controller on both");
        }
        return from.isEmpty() ? "none" : from.get(from.size() - 1);
    }

    private static List<String> versions(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            return Jdbc.query(c, "SELECT version FROM " + HISTORY + " WHERE success = TRUE AND version IS NOT NULL "
                    + "ORDER BY installed_rank", rs -> rs.getString(1));
        }
    }

    private static List<Copied> copyTables(Database source, Database target, Consumer<String> progress)
            throws SQLException {
        try (Connection from = source.connection(); Connection to = target.connection()) {
            Map<String, Set<String>> references = new TreeMap<>();
            for (String t : tables(to)) {
                if (!t.equals(HISTORY)) {
                    references.put(t, referencedTables(to, t));
                }
            }
            Set<String> sourceTables = new TreeSet<>(tables(from));
            sourceTables.remove(HISTORY);
            if (!sourceTables.equals(references.keySet())) {
                throw new IllegalStateException("the two schemas differ: source tables " + sourceTables + ", target "
                        + references.keySet());
            }
            to.setAutoCommit(false);
            try {
                List<Copied> copied = new ArrayList<>();
                for (String table : TableOrder.sort(references)) {
                    long rows = copyTable(from, to, table);
                    long there = count(to, table);
                    if (there != rows || count(from, table) != rows) {
                        throw new IllegalStateException("table " + table + ": " + rows + " rows read, " + there
                                + " in the target: nothing was committed");
                    }
                    resetIdentities(to, table);
                    copied.add(new Copied(table, rows));
                    progress.accept(String.format("  %-22s %,10d rows", table, rows));
                }
                to.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                to.setAutoCommit(true);
            }
        }
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        List<String> columns = columns(to, table).keySet().stream().toList();
        if (!columns.equals(columns(from, table).keySet().stream().toList())) {
            throw new IllegalStateException("table " + table + " has other columns in the source: "
                    + columns(from, table).keySet() + " against " + columns);
        }
        String list = String.join(", ", columns);
        List<String> key = primaryKey(to, table);
        String select = "SELECT " + list + " FROM " + table + (key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key));
        String insert = "INSERT INTO " + table + " (" + list + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long rows = 0;
        try (Statement read = from.createStatement(); PreparedStatement write = to.prepareStatement(insert)) {
            read.setFetchSize(BATCH_ROWS);
            try (ResultSet rs = read.executeQuery(select)) {
                int inBatch = 0;
                long bytes = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        Object v = rs.getObject(i);
                        write.setObject(i, v);
                        bytes += v instanceof byte[] b ? b.length : v instanceof String s ? s.length() * 2L : 16;
                    }
                    write.addBatch();
                    rows++;
                    if (++inBatch == BATCH_ROWS || bytes >= BATCH_BYTES) {
                        write.executeBatch();
                        inBatch = 0;
                        bytes = 0;
                    }
                }
                if (inBatch > 0) {
                    write.executeBatch();
                }
            }
        }
        return rows;
    }

    /** Identity columns hand out keys past the copied ones (rows were inserted with their own keys). */
    private static void resetIdentities(Connection to, String table) throws SQLException {
        for (var col : columns(to, table).entrySet()) {
            if (!col.getValue()) {
                continue;
            }
            long max = Jdbc.query(to, "SELECT COALESCE(MAX(" + col.getKey() + "), 0) FROM " + table, rs -> rs.getLong(1))
                    .get(0);
            try (Statement st = to.createStatement()) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN " + col.getKey() + " RESTART WITH " + (max + 1));
            }
            checkIdentity(to, table, col.getKey(), max);
        }
    }

    /** On PostgreSQL, reads the identity's sequence back: its next value must be past every copied key. */
    private static void checkIdentity(Connection to, String table, String column, long max) throws SQLException {
        if (!to.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            return;
        }
        String sequence = Jdbc.query(to, "SELECT pg_get_serial_sequence(?, ?)", rs -> rs.getString(1), table, column).get(0);
        long next = Jdbc.query(to, "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM " + sequence,
                rs -> rs.getLong(1)).get(0);
        if (next <= max) {
            throw new IllegalStateException("table " + table + ": the identity of " + column + " would hand out " + next
                    + ", a key already copied (largest " + max + ")");
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return Jdbc.query(c, "SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).get(0);
    }

    private static List<String> tables(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type = 'BASE TABLE'", rs -> rs.getString(1).toLowerCase(java.util.Locale.ROOT))
                .stream().sorted().toList();
    }

    /** Column name → whether it is an identity column, in the table's order. */
    private static Map<String, Boolean> columns(Connection c, String table) throws SQLException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            TreeMap<Integer, String[]> byPosition = new TreeMap<>();
            while (rs.next()) {
                byPosition.put(rs.getInt("ORDINAL_POSITION"), new String[] {rs.getString("COLUMN_NAME"),
                        rs.getString("IS_AUTOINCREMENT")});
            }
            byPosition.values().forEach(col -> out.put(col[0].toLowerCase(java.util.Locale.ROOT), "YES".equals(col[1])));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("table " + table + ": no columns found in schema " + c.getSchema());
        }
        return out;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        TreeMap<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(key.values());
    }

    private static Set<String> referencedTables(Connection c, String table) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                out.add(rs.getString("PKTABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
