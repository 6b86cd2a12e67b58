package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.protocol.v1.Priority;

class CapPriorityTableTest {

    @ParameterizedTest
    @CsvSource({
            "Extreme,  Immediate, Observed, EMERGENCY",
            "Severe,   Immediate, Likely,   EMERGENCY",
            "Severe,   Expected,  Observed, EMERGENCY",
            "Severe,   Future,    Likely,   PRIORITY",
            "Extreme,  Immediate, Possible, PRIORITY",
            "Severe,   Unknown,   Unknown,  PRIORITY",
            "Moderate, Immediate, Observed, PRIORITY",
            "Moderate, Expected,  Observed, NORMAL",
            "Minor,    Past,      Observed, NORMAL",
            "Unknown,  Unknown,   Unknown,  NORMAL"})
    void theDefaultTable(String severity, String urgency, String certainty, Priority expected) {
        assertThat(CapPriorityTable.DEFAULT.priorityOf(severity, urgency, certainty)).isEqualTo(expected);
    }

    @Test
    void aConfiguredTableIsReadInOrderFirstMatchWins() {
        CapPriorityTable t = CapPriorityTable.parse("""
                # floods first
                Moderate * Observed -> EMERGENCY
                * * * -> PRIORITY
                """);
        assertThat(t.priorityOf("Moderate", "Future", "Observed")).isEqualTo(Priority.EMERGENCY);
        assertThat(t.priorityOf("Minor", "Past", "Unlikely")).isEqualTo(Priority.PRIORITY);
    }

    @Test
    void everyErrorIsReportedTogether() {
        assertThatThrownBy(() -> CapPriorityTable.parse("""
                Huge Immediate Observed -> EMERGENCY
                Severe Soon Observed -> LOUD
                * * * -> NORMAL
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1: severity 'Huge'")
                .hasMessageContaining("line 2: priority must be EMERGENCY, PRIORITY or NORMAL, got 'LOUD'")
                .hasMessageContaining("line 2: urgency 'Soon'");
        assertThatThrownBy(() -> CapPriorityTable.parse("Severe * * -> PRIORITY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catch-all");
    }
}
