package io.dialfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiPasswordsTest {

    private static final String KEY = "0123456789abcdef";
    private static final String ABCD = "$2a$04$JMesZsjRNkz3o/MiRS2qRePsnWykXUjWlcxKDPcJNIhF/NCqQvXhC";
    private static final Duration TTL = Duration.ofMinutes(1);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ApiPasswords passwords = new ApiPasswords(new Config(4, TTL, 100), clock::get);

    record Config(int bcryptCost, Duration verificationCacheTtl, int verificationCacheSize) implements AuthConfig {
    }

    @ParameterizedTest
    @CsvSource({
        "2,  ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO",
        "4,  JKNIrhUhv7Lff7YekwqAmkxcIWUc/Na",
        "10, t1jh0E.gFM2fsPVIpYpsqArzucd1Aj6"})
    void matchesVicidialHashes(int cost, String stored) {
        assertThat(passwords.matches("6666", "1234", stored, KEY, cost)).isTrue();
        assertThat(passwords.matches("6666", "1235", stored, KEY, cost)).isFalse();
        assertThat(passwords.matches("6666", "1234", stored, KEY.substring(1), cost)).isFalse();
        assertThat(passwords.matches("6666", "1234", stored, KEY + "0", cost)).isFalse();
    }

    @Test
    void anEmptyPasswordNeverMatchesAVicidialHash() {
        String hashOfEmpty = Bcrypt.hash("", "$2a$02$KBCwKxOzLha2MUDgW0PjXe").substring(29);

        assertThat(passwords.matches("6666", "", hashOfEmpty, KEY, 2)).isFalse();
        assertThat(passwords.matchWithoutBcrypt("6666", "", hashOfEmpty, KEY, 2)).hasValue(false);
    }

    @Test
    void comparesCaseSensitively() {
        String stored = VicidialPassHash.derive("abcd", KEY, 2);

        assertThat(passwords.matches("6666", "ABCD", stored, KEY, 2)).isFalse();
        assertThat(passwords.matches("6666", "abcd", stored, KEY, 2)).isTrue();
        assertThat(passwords.matches("6666", "ABCD", ABCD, KEY, 2)).isTrue();
        assertThat(passwords.matches("6666", "abcd", ABCD, KEY, 2)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            abc | $2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i
            a   | $2b$06$ehKGYiS4wt2HAr7KQXS5z.OaRjB4jHO7rBHJKlGXbqEH3QVJfO7iO
            a   | $2y$06$LUdD6/aD0e/UbnxVAVbvGuUmIoJ3l/OK94ThhadpMWwKC34LrGEey
            """)
    void verifiesStandardBcryptWhateverThePassKey(String password, String stored) {
        assertThat(passwords.matches("6666", password, stored, "", 2)).isTrue();
        assertThat(passwords.matches("6667", password, stored, null, 0)).isTrue();
        assertThat(passwords.matches("6668", password.toUpperCase(), stored, KEY, 2)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "1234", "ABCD", "plain-text-password",
            "$2x$04$JMesZsjRNkz3o/MiRS2qRePsnWykXUjWlcxKDPcJNIhF/NCqQvXhC"})
    void anythingElseStoredMatchesNothing(String stored) {
        assertThat(passwords.matches("6666", stored, stored, KEY, 2)).isFalse();
        assertThat(passwords.matches("6666", "", stored, KEY, 2)).isFalse();
        assertThat(passwords.matchWithoutBcrypt("6666", stored, stored, KEY, 2)).hasValue(false);
    }

    @Test
    void nullsMatchNothing() {
        assertThat(passwords.matches(null, "ABCD", ABCD, KEY, 2)).isFalse();
        assertThat(passwords.matches("6666", null, ABCD, KEY, 2)).isFalse();
        assertThat(passwords.matches("6666", "ABCD", null, KEY, 2)).isFalse();
        assertThat(passwords.matches("6666", "1234", "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO", null, 2)).isFalse();
        assertThat(passwords.matchWithoutBcrypt("6666", null, ABCD, KEY, 2)).hasValue(false);
    }

    @Test
    void hashesWithTheConfiguredCostAndARandomSalt() {
        String hash = passwords.hash("s3cret");

        assertThat(hash).startsWith("$2a$04$").hasSize(60).isNotEqualTo(passwords.hash("s3cret"));
        assertThat(passwords.matches("6666", "s3cret", hash, "", 2)).isTrue();
        assertThat(passwords.matches("6666", "S3cret", hash, "", 2)).isFalse();
    }

    @Test
    void remembersASuccess() {
        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).isEmpty();

        assertThat(passwords.matches("6666", "ABCD", ABCD, KEY, 2)).isTrue();

        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).hasValue(true);
        assertThat(passwords.matches("6666", "ABCD", ABCD, KEY, 2)).isTrue();
        assertThat(passwords.cachedEntries()).isEqualTo(1);
    }

    @Test
    void aChangedCredentialMissesTheCache() {
        passwords.matches("6666", "ABCD", ABCD, KEY, 2);
        String rehashed = passwords.hash("ABCD");

        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", rehashed, KEY, 2)).isEmpty();
        assertThat(passwords.matchWithoutBcrypt("6666", "ABCE", ABCD, KEY, 2)).isEmpty();
        assertThat(passwords.matchWithoutBcrypt("6667", "ABCD", ABCD, KEY, 2)).isEmpty();
        assertThat(passwords.matches("6666", "ABCD", rehashed, KEY, 2)).isTrue();
        assertThat(passwords.cachedEntries()).isEqualTo(2);
    }

    @Test
    void aChangedPassKeyMissesTheCache() {
        String stored = "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO";
        passwords.matches("6666", "1234", stored, KEY, 2);

        assertThat(passwords.matchWithoutBcrypt("6666", "1234", stored, KEY, 2)).hasValue(true);
        assertThat(passwords.matchWithoutBcrypt("6666", "1234", stored, "fedcba9876543210", 2)).isEmpty();
        assertThat(passwords.matchWithoutBcrypt("6666", "1234", stored, KEY, 3)).isEmpty();
    }

    @Test
    void doesNotRememberAFailure() {
        assertThat(passwords.matches("6666", "abcd", ABCD, KEY, 2)).isFalse();

        assertThat(passwords.cachedEntries()).isZero();
        assertThat(passwords.matchWithoutBcrypt("6666", "abcd", ABCD, KEY, 2)).isEmpty();
    }

    @Test
    void forgetAllEmptiesTheCache() {
        passwords.matches("6666", "ABCD", ABCD, KEY, 2);

        passwords.forgetAll();

        assertThat(passwords.cachedEntries()).isZero();
        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).isEmpty();
    }

    @Test
    void forgetsASuccessAfterTheTtl() {
        passwords.matches("6666", "ABCD", ABCD, KEY, 2);

        clock.addAndGet(TTL.toNanos() - 1);
        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).hasValue(true);

        clock.addAndGet(1);
        assertThat(passwords.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).isEmpty();
        assertThat(passwords.cachedEntries()).isZero();
    }

    /** Caffeine's policy, not strict recency, picks what goes; the newest entry always stays. */
    @Test
    void staysWithinItsSizeKeepingTheNewest() {
        ApiPasswords small = new ApiPasswords(new Config(4, TTL, 10), clock::get);
        for (int user = 0; user < 25; user++) {
            clock.addAndGet(1_000);
            assertThat(small.matches("user" + user, "ABCD", ABCD, KEY, 2)).isTrue();
            assertThat(small.cachedEntries()).isLessThanOrEqualTo(10);
        }

        assertThat(small.matchWithoutBcrypt("user24", "ABCD", ABCD, KEY, 2)).hasValue(true);
    }

    @Test
    void aLoginThatCannotMatchCostsABcryptAndMatchesNothing() {
        ApiPasswords costly = new ApiPasswords(new Config(8, TTL, 100), clock::get);
        String known = costly.hash("s3cret");
        costly.matches("warm", "wrong", known, KEY, 2);
        costly.spendVerificationTime("wrong");

        long unknown = medianNanos(() -> costly.spendVerificationTime("wrong"));
        long wrong = medianNanos(() -> costly.matches("6666", "wrong", known, KEY, 2));

        assertThat(costly.spendVerificationTime("s3cret")).isFalse();
        assertThat((double) unknown / wrong).isBetween(1 / 3.0, 3.0);
    }

    private static long medianNanos(Runnable login) {
        long[] samples = new long[15];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            login.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    @Test
    void aZeroSizeOrTtlTurnsTheCacheOff() {
        ApiPasswords noSize = new ApiPasswords(new Config(4, TTL, 0), clock::get);
        ApiPasswords noTtl = new ApiPasswords(new Config(4, Duration.ZERO, 100), clock::get);

        assertThat(noSize.matches("6666", "ABCD", ABCD, KEY, 2)).isTrue();
        assertThat(noTtl.matches("6666", "ABCD", ABCD, KEY, 2)).isTrue();

        assertThat(noSize.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).isEmpty();
        assertThat(noTtl.matchWithoutBcrypt("6666", "ABCD", ABCD, KEY, 2)).isEmpty();
    }

    @Test
    void answersConcurrentCallers() throws Exception {
        ApiPasswords shared = new ApiPasswords(new Config(4, TTL, 100));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String password = i % 2 == 0 ? "ABCD" : "abcd";
                answers.add(pool.submit(() -> shared.matches("6666", password, ABCD, KEY, 2)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(shared.cachedEntries()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 32})
    void refusesToWriteHashesOtherLibrariesCannotRead(int cost) {
        assertThatThrownBy(() -> new ApiPasswords(new Config(cost, TTL, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dialfleet.auth.bcrypt-cost");
    }
}
