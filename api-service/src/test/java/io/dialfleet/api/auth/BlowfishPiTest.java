package io.dialfleet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BlowfishPiTest {

    @Test
    void startsWithThePublishedPArray() {
        assertThat(BlowfishPi.initialP())
                .hasSize(BlowfishPi.P_WORDS)
                .startsWith(0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344)
                .endsWith(0x8979FB1B);
    }

    @Test
    void sBoxesRunFromS0FirstToS3Last() {
        int[] s = BlowfishPi.initialS();

        assertThat(s).hasSize(BlowfishPi.S_BOX_WORDS);
        assertThat(s[0]).isEqualTo(0xD1310BA6);
        assertThat(s[3 * 256 + 255]).isEqualTo(0x3AC372E6);
    }

    /** Bcrypt known answers need not touch every initial S-box word, so every word is checked against π. */
    @Test
    void everyWordAgreesWithMachinsFormula() {
        int[] machin = machinWords(BlowfishPi.WORD_COUNT);

        assertThat(BlowfishPi.words()).containsExactly(machin);
    }

    @Test
    void callersGetCopiesThatCannotChangeTheTable() {
        BlowfishPi.initialP()[0] = 0;
        BlowfishPi.initialS()[0] = 0;

        assertThat(BlowfishPi.initialP()[0]).isEqualTo(0x243F6A88);
        assertThat(BlowfishPi.initialS()[0]).isEqualTo(0xD1310BA6);
    }

    /** π = 16·atan(1/5) − 4·atan(1/239), term by term: slow, but a different route to the same digits. */
    private static int[] machinWords(int count) {
        int guard = 64;
        int scale = count * 32 + guard;
        BigInteger one = BigInteger.ONE.shiftLeft(scale);
        BigInteger pi = arctanOfInverse(5, one).shiftLeft(4).subtract(arctanOfInverse(239, one).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(scale)).shiftRight(guard);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight(32 * (count - 1 - i)).intValue();
        }
        return words;
    }

    private static BigInteger arctanOfInverse(int x, BigInteger one) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(xSquared);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = k % 2 == 0 ? sum.add(term) : sum.subtract(term);
        }
        return sum;
    }
}
