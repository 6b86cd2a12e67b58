package vn.loa.controller.area;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The area tree through time, pure: which areas existed on a day with the names, codes and parents
 * they had then, where a station or zone was, and what a unit (by id or GSO code) became. Built from
 * the current rows (every area, ended ones too), their lifespans, earlier versions, successions and moves.
 */
public final class AreaHistory {
    private final Map<Long, Area> current = new HashMap<>();
    private final Map<Long, Lifespan> lifespans;
    private final Map<Long, List<AreaVersion>> versions = new HashMap<>();
    private final Map<Long, List<Succession>> successors = new HashMap<>();
    private final Map<String, List<AreaMove>> moves = new HashMap<>();

    public AreaHistory(List<Area> areas, Map<Long, Lifespan> lifespans, List<AreaVersion> versionList,
            List<Succession> successions, List<AreaMove> moveList) {
        areas.forEach(a -> current.put(a.id(), a));
        this.lifespans = Map.copyOf(lifespans);
        for (AreaVersion v : versionList) {
            versions.computeIfAbsent(v.areaId(), k -> new ArrayList<>()).add(v);
        }
        versions.values().forEach(l -> l.sort(Comparator.comparing(AreaVersion::validTo)));
        for (Succession s : successions) {
            successors.computeIfAbsent(s.predecessorId(), k -> new ArrayList<>()).add(s);
        }
        for (AreaMove m : moveList) {
            moves.computeIfAbsent(m.subject() + ":" + m.subjectId(), k -> new ArrayList<>()).add(m);
        }
        // latest first: walking back from today undoes them in order
        moves.values().forEach(l -> l.sort(Comparator.comparing(AreaMove::effective).reversed()));
    }

    public Lifespan lifespan(long areaId) {
        return lifespans.getOrDefault(areaId, Lifespan.ALWAYS);
    }

    /** The area as it was on {@code day}, or empty when it did not exist then. */
    public Optional<Area> at(long areaId, LocalDate day) {
        Area now = current.get(areaId);
        if (now == null || !lifespan(areaId).contains(day)) {
            return Optional.empty();
        }
        for (AreaVersion v : versions.getOrDefault(areaId, List.of())) {
            if (day.isBefore(v.validTo())) {
                return Optional.of(new Area(areaId, v.parentId(), v.name(), now.kind(), v.code(), now.latitude(),
                        now.longitude()));
            }
        }
        return Optional.of(now);
    }

    /** The tree of the areas that existed on {@code day}, as they were then. */
    public AreaTree treeAt(LocalDate day) {
        List<Area> out = new ArrayList<>();
        for (long id : current.keySet()) {
            at(id, day).ifPresent(out::add);
        }
        return new AreaTree(out);
    }

    /** The area a station or zone was in on {@code day}, given where it is today. */
    public Long placeAt(MoveSubject subject, long subjectId, Long currentAreaId, LocalDate day) {
        Long area = currentAreaId;
        for (AreaMove m : moves.getOrDefault(subject + ":" + subjectId, List.of())) {
            if (m.effective().isAfter(day)) {
                area = m.fromAreaId();
            }
        }
        return area;
    }

    /**
     * The areas a unit had become by {@code day}: itself while it exists, else its successors (and
     * theirs), several for a split. Empty when it had not begun yet or was retired without successor.
     */
    public Set<Long> successorsAt(long areaId, LocalDate day) {
        Set<Long> out = new LinkedHashSet<>();
        collect(areaId, day, out, 0);
        return out;
    }

    private void collect(long areaId, LocalDate day, Set<Long> out, int depth) {
        Lifespan life = lifespan(areaId);
        if (life.contains(day)) {
            out.add(areaId);
            return;
        }
        if (depth > 32 || life.to() == null || day.isBefore(life.to())) {
            return; // not begun yet on that day, or a cycle in bad data
        }
        for (Succession s : successors.getOrDefault(areaId, List.of())) {
            if (!s.effective().isAfter(day)) {
                collect(s.successorId(), day, out, depth + 1);
            }
        }
    }

    /**
     * What a GSO code meant on {@code day}: the unit that carried it then, else what the last unit
     * that carried it before that day had become. Codes are reused (a 2025 ward took a 2020 commune's
     * code), so the answer depends on the day.
     */
    public Set<Long> resolveCode(String code, LocalDate day) {
        Long lastBefore = null;
        LocalDate lastEnd = null;
        for (long id : current.keySet()) {
            Optional<Area> then = at(id, day);
            if (then.isPresent() && code.equals(then.get().code())) {
                return Set.of(id);
            }
            LocalDate end = lastDayWithCode(id, code, day);
            if (end != null && (lastEnd == null || end.isAfter(lastEnd))) {
                lastBefore = id;
                lastEnd = end;
            }
        }
        return lastBefore == null ? Set.of() : successorsAt(lastBefore, day);
    }

    /** The end (exclusive) of the latest stretch before {@code day} in which this area carried {@code code}. */
    private LocalDate lastDayWithCode(long id, String code, LocalDate day) {
        LocalDate found = null;
        for (AreaVersion v : versions.getOrDefault(id, List.of())) {
            if (code.equals(v.code()) && !v.validTo().isAfter(day)) {
                found = v.validTo();
            }
        }
        Area now = current.get(id);
        Lifespan life = lifespan(id);
        if (code.equals(now.code()) && life.to() != null && !life.to().isAfter(day)) {
            found = life.to();
        }
        return found;
    }
}
