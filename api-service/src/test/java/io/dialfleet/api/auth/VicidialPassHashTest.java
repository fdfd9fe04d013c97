package io.dialfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VicidialPassHashTest {

    static final String KEY = "0123456789abcdef";

    @Test
    void derivesTheSaltFromThePassKey() {
        assertThat(VicidialPassHash.setting(KEY, 2)).hasValue("$2a$02$KBCwKxOzLha2MUDgW0PjXe");
        assertThat(VicidialPassHash.setting(KEY, 10)).hasValue("$2a$10$KBCwKxOzLha2MUDgW0PjXe");
    }

    /** The reference of docs/spec/non-agent-api.md D5: password {@code 1234}. */
    @ParameterizedTest
    @CsvSource({
        "2,  ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO",
        "4,  JKNIrhUhv7Lff7YekwqAmkxcIWUc/Na",
        "10, t1jh0E.gFM2fsPVIpYpsqArzucd1Aj6"})
    void matchesTheSpecReference(int cost, String stored) {
        assertThat(VicidialPassHash.derive("1234", KEY, cost)).isEqualTo(stored);
        assertThat(VicidialPassHash.matches("1234", stored, KEY, cost)).isTrue();
        assertThat(VicidialPassHash.matches("12345", stored, KEY, cost)).isFalse();
        assertThat(VicidialPassHash.matches("1234", stored, KEY, cost == 2 ? 4 : 2)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF", "0123456789abcdeé"})
    void anyOtherKeyMatchesNothing(String key) {
        assertThat(VicidialPassHash.matches("1234", "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO", key, 2)).isFalse();
    }

    @Test
    void aKeyOfSixteenNonAsciiCharactersHasNoSalt() {
        assertThat(VicidialPassHash.setting("0123456789abcdeé", 2)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 32, 99})
    void costsOutsideBcryptsRangeMatchNothing(int cost) {
        assertThat(VicidialPassHash.setting(KEY, cost)).isEmpty();
        assertThat(VicidialPassHash.matches("1234", "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO", KEY, cost)).isFalse();
    }

    @Test
    void anEmptyPasswordNeverMatches() {
        String hashOfEmpty = Bcrypt.hash("", "$2a$02$KBCwKxOzLha2MUDgW0PjXe").substring(29);

        assertThat(VicidialPassHash.matches("", hashOfEmpty, KEY, 2)).isFalse();
        assertThat(VicidialPassHash.matches(null, hashOfEmpty, KEY, 2)).isFalse();
        assertThatThrownBy(() -> VicidialPassHash.derive("", KEY, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** VICIdial compares case-insensitively (G22); dialfleet does not. */
    @Test
    void comparesCaseSensitively() {
        String stored = VicidialPassHash.derive("abcd", KEY, 2);

        assertThat(VicidialPassHash.matches("abcd", stored, KEY, 2)).isTrue();
        assertThat(VicidialPassHash.matches("ABCD", stored, KEY, 2)).isFalse();
        assertThat(VicidialPassHash.matches("abcd", stored.toUpperCase(), KEY, 2)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4L",
            "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LOO",
            "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4L$",
            "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4L+",
            "$2a$02$KBCwKxOzLha2MUDgW0PjXeZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO"})
    void storedValuesOfAnotherShapeMatchNothing(String stored) {
        assertThat(VicidialPassHash.isWellFormed(stored)).isFalse();
        assertThat(VicidialPassHash.matches("1234", stored, KEY, 2)).isFalse();
    }

    @Test
    void refusesToDeriveWithAnUnusableKey() {
        assertThatThrownBy(() -> VicidialPassHash.derive("1234", "short", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
