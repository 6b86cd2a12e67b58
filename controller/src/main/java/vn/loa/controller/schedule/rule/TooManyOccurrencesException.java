package vn.loa.controller.schedule.rule;

/**
 * One expansion call would produce more than {@link ScheduleRule#MAX_EXPANSION} instants; ask for a
 * shorter window.
 */
public final class TooManyOccurrencesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TooManyOccurrencesException(String message) {
        super(message);
    }
}
