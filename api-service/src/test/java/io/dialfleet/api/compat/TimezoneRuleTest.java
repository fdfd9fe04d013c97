package io.dialfleet.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's accepted and rejected examples (docs/spec/non-agent-api.md §5.2). */
class TimezoneRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"-5", "-5.0", "-05.00", "5.5", "5.", ".0", "-0", "0", "-0.00", "12.750", "00000.00", "-3.5", "6.5",
            "12.75", "-12"})
    void accepted(String localGmt) {
        assertThat(TimezoneRule.isValid(localGmt)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9.50", "-5.5", "13", "14.00", "99", "--5", "----", "", "-", ".", "1e1"})
    void rejected(String localGmt) {
        assertThat(TimezoneRule.isValid(localGmt)).isFalse();
    }
}
