package vn.loa.controller.area.change;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;

/**
 * An official unit list (GSO code, name, kind, parent's code) compared with today's tree, pure: a unit
 * whose code is known and whose name or parent differs is renamed or moved; an unknown code is created
 * on the effective date. Units missing from the list are left alone (ending them is a merge, split or
 * retirement a person decides).
 */
public final class UnitListImport {
    private UnitListImport() {
    }

    /** One line: {@code code,name,kind,parent_code}. */
    public record Unit(String code, String name, AreaKind kind, String parentCode) {
    }

    /** What the list asks for, in an order that works (parents first). */
    public record Steps(List<Unit> create, List<AreaChange> changes, List<String> problems) {
    }

    /** Reads {@code code,name,kind,parent_code} lines (a header line first); problems name the line. */
    public static List<Unit> parse(String csv, List<String> problems) {
        List<Unit> out = new ArrayList<>();
        String[] lines = csv.replace("\uFEFF", "").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            if (f.length < 4 || f[0].isBlank() || f[1].isBlank()) {
                problems.add("line " + (i + 1) + ": expected code,name,kind,parent_code");
                continue;
            }
            try {
                out.add(new Unit(f[0].strip(), f[1].strip(), AreaKind.valueOf(f[2].strip().toUpperCase(Locale.ROOT)),
                        f[3].isBlank() ? null : f[3].strip()));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": kind '" + f[2] + "' is not PROVINCE, DISTRICT, COMMUNE or VILLAGE");
            }
        }
        return out;
    }

    public static Steps plan(List<Unit> units, AreaTree today, LocalDate effective) {
        Map<String, Area> byCode = new HashMap<>();
        for (Area a : today.all()) {
            if (a.code() != null) {
                byCode.put(a.code(), a);
            }
        }
        Map<String, Unit> listed = new HashMap<>();
        units.forEach(u -> listed.put(u.code(), u));
        List<Unit> create = new ArrayList<>();
        List<AreaChange> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Unit u : units) {
            if (u.parentCode() != null && !byCode.containsKey(u.parentCode()) && !listed.containsKey(u.parentCode())) {
                problems.add(u.code() + " (" + u.name() + "): parent code " + u.parentCode() + " is neither known nor listed");
                continue;
            }
            Area known = byCode.get(u.code());
            if (known == null) {
                create.add(u);
                continue;
            }
            if (known.kind() != u.kind()) {
                problems.add(u.code() + " (" + u.name() + "): is a " + known.kind() + " today, the list says " + u.kind());
                continue;
            }
            if (!known.name().equals(u.name())) {
                changes.add(new AreaChange.Rename(effective, known.id(), u.name(), u.code()));
            }
            Area parent = u.parentCode() == null ? null : byCode.get(u.parentCode());
            if (parent != null && !Objects.equals(parent.id(), known.parentId())) {
                changes.add(new AreaChange.Move(effective, known.id(), parent.id()));
            }
        }
        // parents before children: a unit whose parent is also created comes after it
        List<Unit> ordered = new ArrayList<>();
        List<Unit> left = new ArrayList<>(create);
        while (!left.isEmpty()) {
            List<Unit> ready = left.stream().filter(u -> u.parentCode() == null || byCode.containsKey(u.parentCode())
                    || ordered.stream().anyMatch(o -> o.code().equals(u.parentCode()))).toList();
            if (ready.isEmpty()) {
                left.forEach(u -> problems.add(u.code() + " (" + u.name() + "): its parent " + u.parentCode()
                        + " is never created (a cycle in the list)"));
                break;
            }
            ordered.addAll(ready);
            left.removeAll(ready);
        }
        return new Steps(ordered, changes, problems);
    }
}
