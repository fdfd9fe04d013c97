package io.dialfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BcryptTest {

    /** The conformance fixture's bcrypt of {@code ABCD}. */
    static final String FIXTURE_ABCD = "$2a$04$JMesZsjRNkz3o/MiRS2qRePsnWykXUjWlcxKDPcJNIhF/NCqQvXhC";

    /** Published vectors of the jBCrypt suite and of Openwall's crypt_blowfish (the last checks 72-byte truncation). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                 | $2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.
            ""                                 | $2a$08$HqWuK6/Ng6sg9gQzbLrgb.Tl.ZHfXLhvt/SgVyWhQqgqcZ7ZuUtye
            a                                  | $2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe
            a                                  | $2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u
            abc                                | $2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i
            abcdefghijklmnopqrstuvwxyz         | $2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC
            "~!@#$%^&*()      ~!@#$%^&*()PNBFRD" | $2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO
            U*U                                | $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW
            U*U*                               | $2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK
            U*U*U                              | $2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a
            0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored \
            | $2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui
            ""                                 | $2b$06$8eVN9RiU8Yki430X.wBvN.LWaqh2962emLVSVXVZIXJvDYLsV0oFu
            a                                  | $2b$06$ehKGYiS4wt2HAr7KQXS5z.OaRjB4jHO7rBHJKlGXbqEH3QVJfO7iO
            ""                                 | $2y$06$mFDtkz6UN7B3GZ2qi2hhaO3OFWzNEdcY84ELw6iHCPruuQfSAXBLK
            a                                  | $2y$06$LUdD6/aD0e/UbnxVAVbvGuUmIoJ3l/OK94ThhadpMWwKC34LrGEey
            ABCD                               | $2a$04$JMesZsjRNkz3o/MiRS2qRePsnWykXUjWlcxKDPcJNIhF/NCqQvXhC
            """)
    void reproducesPublishedHashes(String password, String expected) {
        assertThat(Bcrypt.hash(password, expected.substring(0, 29))).isEqualTo(expected);
        assertThat(Bcrypt.verify(password, expected)).isTrue();
        assertThat(Bcrypt.verify(password + "x", expected)).isEqualTo(password.length() >= 72);
    }

    @Test
    void comparesPasswordsCaseSensitively() {
        assertThat(Bcrypt.verify("ABCD", FIXTURE_ABCD)).isTrue();
        assertThat(Bcrypt.verify("abcd", FIXTURE_ABCD)).isFalse();
        assertThat(Bcrypt.verify("ABCD ", FIXTURE_ABCD)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2b$", "$2y$"})
    void variantsDifferOnlyInTheirPrefix(String prefix) {
        String other = prefix + FIXTURE_ABCD.substring(4);

        assertThat(Bcrypt.verify("ABCD", other)).isTrue();
        assertThat(Bcrypt.verify("abcd", other)).isFalse();
        assertThat(Bcrypt.hash("ABCD", other)).isEqualTo(other);
    }

    @Test
    void runsCostsBelowFour() {
        byte[] salt = Bcrypt.randomSalt();

        String cost2 = Bcrypt.hash("1234", 2, salt, "$2a$");
        String cost3 = Bcrypt.hash("1234", 3, salt, "$2a$");

        assertThat(cost2).startsWith("$2a$02$").hasSize(60);
        assertThat(cost3).startsWith("$2a$03$").hasSize(60);
        assertThat(cost2.substring(29)).isNotEqualTo(cost3.substring(29));
        assertThat(Bcrypt.verify("1234", cost2)).isTrue();
        assertThat(Bcrypt.verify("1235", cost2)).isFalse();
    }

    @Test
    void truncatesTheKeyAt72BytesIncludingTheNul() {
        byte[] salt = Bcrypt.randomSalt();
        String seventyOne = "p".repeat(71);

        String withNul = Bcrypt.hash(seventyOne, 4, salt, "$2b$");

        assertThat(Bcrypt.hash(seventyOne + "q", 4, salt, "$2b$")).isNotEqualTo(withNul);
        assertThat(Bcrypt.hash(seventyOne + "q", 4, salt, "$2b$"))
                .isEqualTo(Bcrypt.hash(seventyOne + "qrs", 4, salt, "$2b$"));
    }

    @Test
    void hashesPasswordsAsUtf8() {
        String setting = Bcrypt.generateSalt(4);
        String hash = Bcrypt.hash("mot de passe é π", setting);

        assertThat(hash).startsWith(setting).hasSize(60);
        assertThat(Bcrypt.verify("mot de passe é π", hash)).isTrue();
        assertThat(Bcrypt.verify("mot de passe e π", hash)).isFalse();
    }

    @Test
    void generatesAFreshSaltEachTime() {
        assertThat(Bcrypt.generateSalt(10)).startsWith("$2a$10$").hasSize(29).isNotEqualTo(Bcrypt.generateSalt(10));
        assertThat(Bcrypt.randomSalt()).hasSize(16);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s",
            "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s..",
            "$2x$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "$2$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.a",
            "$2a$6$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.a",
            "$2a$01$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "$2a$32$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s+",
            "$2a$06$DCq7YPn5Rq63x1Lad4cll+TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "$2a$06$DCq7YPn5Rq63x1Lad4cllé.V4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "$2A$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "ZTpQ8cNrtrbzVhQroLyPsmOEb8xk4LO"})
    void rejectsMalformedHashes(String malformed) {
        assertThat(Bcrypt.isStandardHash(malformed)).isFalse();
        assertThat(Bcrypt.verify("", malformed)).isFalse();
    }

    /** The last salt character carries 2 bits; other values decode alike but are not what bcrypt writes. */
    @Test
    void rejectsANonCanonicalSaltEncoding() {
        String canonical = "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.";
        String sameSaltBits = "$2a$06$DCq7YPn5Rq63x1Lad4cll/TV4S6ytwfsfvkgY8jIucDrjc8deX1s.";

        assertThat(Bcrypt.isStandardHash(sameSaltBits)).isTrue();
        assertThat(Bcrypt.verify("", canonical)).isTrue();
        assertThat(Bcrypt.verify("", sameSaltBits)).isFalse();
    }

    @Test
    void verifyIsFalseForANullPassword() {
        assertThat(Bcrypt.verify(null, FIXTURE_ABCD)).isFalse();
    }

    @Test
    void refusesUnusableArguments() {
        byte[] salt = Bcrypt.randomSalt();

        assertThatThrownBy(() -> Bcrypt.hash("x", 1, salt, "$2a$")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcrypt.hash("x", 32, salt, "$2a$")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcrypt.hash("x", 4, new byte[15], "$2a$"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcrypt.hash("x", 4, salt, "$2x$")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcrypt.hash("x", "$2a$04$short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcrypt.generateSalt(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesInBcryptsBase64() {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        assertThat(Bcrypt.encode(key, 16)).isEqualTo("KBCwKxOzLha2MUDgW0PjXe");
        assertThat(Bcrypt.encode(new byte[] {0, 0, 0}, 3)).isEqualTo("....");
        assertThat(Bcrypt.encode(new byte[] {-1, -1, -1}, 3)).isEqualTo("9999");
    }

    @Test
    void decodesWhatItEncodes() {
        Random random = new Random(42);
        for (int length = 1; length <= 40; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);

            String text = Bcrypt.encode(data, length);

            assertThat(text).hasSize((length * 4 + 2) / 3);
            assertThat(Bcrypt.inAlphabet(text, 0, text.length())).isTrue();
            assertThat(Bcrypt.decode(text, 0, length)).isEqualTo(data);
        }
    }
}
