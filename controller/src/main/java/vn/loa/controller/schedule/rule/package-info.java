/**
 * Recurrence rules of schedules: parsing from the API JSON, validation and expansion into instants.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Every rule carries the {@link java.time.ZoneId} it is evaluated in; the default is
 *       {@link vn.loa.controller.schedule.rule.ScheduleRule#DEFAULT_ZONE} (Asia/Ho_Chi_Minh).</li>
 *   <li>Local times are mapped to instants with {@link java.time.ZonedDateTime#of}: a local time that
 *       falls into a gap (clocks set forward) is shifted forward by the length of the gap
 *       (02:30 on a 02:00&rarr;03:00 day fires at 03:30); a local time in an overlap (clocks set back)
 *       takes the earlier offset, so it fires once, on the first pass. Two local times that map to the
 *       same instant fire once.</li>
 *   <li>{@code from} and {@code until} are inclusive dates in the rule zone; {@code until} is optional
 *       (open-ended rule). Dates in {@code except} never fire.</li>
 *   <li>Monthly rules: {@code -1} is the last day of the month. A day a month lacks (31 in April,
 *       29&ndash;31 in February of a non-leap year, 30&ndash;31 in February) is <em>skipped</em> in that
 *       month; it is not moved to the last day. Use {@code -1} for "last day of every month".</li>
 *   <li>{@code firstAfter} and {@code nextRuns} return instants strictly after the given instant;
 *       {@code occurrences} returns instants in {@code [fromInclusive, toExclusive)}.</li>
 * </ul>
 */
package vn.loa.controller.schedule.rule;
