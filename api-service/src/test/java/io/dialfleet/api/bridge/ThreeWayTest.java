package io.dialfleet.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreeWayTest {

    @Test
    void sameRowOnBothSidesIsAgreedWhateverTheBase() {
        assertThat(ThreeWay.of("a", "a", "a")).isEqualTo(ThreeWay.AGREED);
        assertThat(ThreeWay.of("a", "a", null)).isEqualTo(ThreeWay.AGREED);
        assertThat(ThreeWay.of("b", "b", "a")).isEqualTo(ThreeWay.AGREED);
        assertThat(ThreeWay.of(null, null, "a")).isEqualTo(ThreeWay.AGREED);
    }

    @Test
    void onlyVicidialMovedIsAVicidialChangeIncludingAddsAndDeletes() {
        assertThat(ThreeWay.of("b", "a", "a")).isEqualTo(ThreeWay.VICIDIAL_CHANGED);
        assertThat(ThreeWay.of("b", null, null)).as("added in VICIdial").isEqualTo(ThreeWay.VICIDIAL_CHANGED);
        assertThat(ThreeWay.of(null, "a", "a")).as("deleted in VICIdial").isEqualTo(ThreeWay.VICIDIAL_CHANGED);
    }

    @Test
    void onlyDialfleetMovedIsPushedNotTakenBack() {
        assertThat(ThreeWay.of("a", "b", "a")).isEqualTo(ThreeWay.DIALFLEET_AHEAD);
        assertThat(ThreeWay.of(null, "b", null)).as("added in dialfleet, not mirrored yet")
                .isEqualTo(ThreeWay.DIALFLEET_AHEAD);
        assertThat(ThreeWay.of("a", null, "a")).as("deleted in dialfleet, not mirrored yet")
                .isEqualTo(ThreeWay.DIALFLEET_AHEAD);
    }

    @Test
    void bothMovedDifferentlyIsAConflict() {
        assertThat(ThreeWay.of("b", "c", "a")).isEqualTo(ThreeWay.CONFLICT);
        assertThat(ThreeWay.of(null, "c", "a")).isEqualTo(ThreeWay.CONFLICT);
        assertThat(ThreeWay.of("b", "c", null)).as("added on both sides, differently").isEqualTo(ThreeWay.CONFLICT);
    }
}
