package vn.loa.controller.conformance;

import java.util.Objects;

/** How one step went, with what a person needs to fix a failure. */
public record StepResult(Step step, Outcome outcome, String detail) {

    /** Passed, failed, or not run because an earlier step or an optional capability was missing. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static StepResult passed(Step step, String detail) {
        return new StepResult(step, Outcome.PASSED, detail);
    }

    public static StepResult failed(Step step, String detail) {
        return new StepResult(step, Outcome.FAILED, detail);
    }

    public static StepResult skipped(Step step, String detail) {
        return new StepResult(step, Outcome.SKIPPED, detail);
    }

    /** One line: {@code PASS  plan: …}. */
    public String line() {
        String mark = switch (outcome) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        return String.format("%-4s  %-22s %s", mark, step.title(), detail);
    }
}
