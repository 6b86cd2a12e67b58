package vn.loa.controller.conformance;

import java.util.List;
import java.util.Optional;

/** The results of a run, one per step in {@link Step} order. */
public record ConformanceReport(List<StepResult> results) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    /** True when no step failed (skipped optional steps do not fail a run). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.outcome() == StepResult.Outcome.FAILED);
    }

    public Optional<StepResult> of(Step step) {
        return results.stream().filter(r -> r.step() == step).findFirst();
    }

    /** The report as printed: one line per step, then a summary. */
    public List<String> lines() {
        long failed = results.stream().filter(r -> r.outcome() == StepResult.Outcome.FAILED).count();
        long passedCount = results.stream().filter(r -> r.outcome() == StepResult.Outcome.PASSED).count();
        java.util.ArrayList<String> out = new java.util.ArrayList<>(results.stream().map(StepResult::line).toList());
        out.add(failed == 0 ? "conformance: PASSED (" + passedCount + " of " + results.size() + " steps passed)"
                : "conformance: FAILED (" + failed + " of " + results.size() + " steps failed)");
        return out;
    }
}
