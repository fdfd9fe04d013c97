package io.dialfleet.api.auth;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Blowfish's initial state: the hexadecimal digits of the fractional part of π, read as big-endian 32-bit words —
 * the 18 words of the P-array followed by the four 256-word S-boxes (Schneier's construction, which bcrypt keeps).
 *
 * <p>Computed once, at class initialisation, rather than pasted as 1,042 constants: a typo in a pasted table is
 * invisible, whereas π is checkable (the tests recompute it independently with Machin's formula).
 *
 * <p>The Chudnovsky series, summed exactly by binary splitting, gives the 33,344 bits needed in about 50 ms on a
 * cold JVM; Machin's formula term by term took about 160 ms. Only the square root and the final division are
 * truncated, each to within a few units in the last place, which the guard bits absorb.
 */
final class BlowfishPi {

    static final int P_WORDS = 18;
    static final int S_BOX_WORDS = 4 * 256;
    static final int WORD_COUNT = P_WORDS + S_BOX_WORDS;

    private static final int GUARD_BITS = 64;
    /** Each Chudnovsky term adds log2(640320³ / 1728) ≈ 47.11 bits. */
    private static final int BITS_PER_TERM = 47;
    private static final BigInteger C3_OVER_24 = BigInteger.valueOf(640_320L).pow(3).divide(BigInteger.valueOf(24));
    private static final long A = 13_591_409L;
    private static final long B = 545_140_134L;

    private static final int[] WORDS = compute(WORD_COUNT);

    private BlowfishPi() {
    }

    /** A fresh copy of the initial P-array (π words 0–17). */
    static int[] initialP() {
        return Arrays.copyOfRange(WORDS, 0, P_WORDS);
    }

    /** A fresh copy of the initial S-boxes S0..S3, one after the other (π words 18–1041). */
    static int[] initialS() {
        return Arrays.copyOfRange(WORDS, P_WORDS, WORD_COUNT);
    }

    /** The first {@code count} 32-bit words of π's fractional part, computed from scratch. */
    static int[] compute(int count) {
        int fractionBits = count * Integer.SIZE;
        int scale = fractionBits + GUARD_BITS;
        BigInteger fraction = piScaled(scale).subtract(BigInteger.valueOf(3).shiftLeft(scale)).shiftRight(GUARD_BITS);
        return toWords(fraction, count);
    }

    /**
     * {@code π · 2^scale}, truncated: {@code π = 426880 · √10005 · Q / T} with {@code Q} and {@code T} the
     * binary-splitting sums of the Chudnovsky series over enough terms.
     */
    private static BigInteger piScaled(int scale) {
        Split sum = split(0, scale / BITS_PER_TERM + 2);
        return BigInteger.valueOf(426_880L).multiply(sqrtScaled(10_005, scale)).multiply(sum.q()).divide(sum.t());
    }

    /**
     * The product-and-sum triple of terms {@code [from, to)}: term {@code k} is {@code P(0,k+1)/Q(0,k+1)} times
     * {@code A + B·k}, where term {@code k}'s ratio to the previous one is {@code p(k)/q(k)} with
     * {@code p(k) = −(6k−5)(2k−1)(6k−1)} and {@code q(k) = k³ · 640320³ / 24}.
     */
    private static Split split(int from, int to) {
        if (to - from == 1) {
            if (from == 0) {
                return new Split(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(A));
            }
            long k = from;
            BigInteger p = BigInteger.valueOf((6 * k - 5) * (2 * k - 1))
                    .multiply(BigInteger.valueOf(6 * k - 1))
                    .negate();
            BigInteger q = BigInteger.valueOf(k * k).multiply(BigInteger.valueOf(k)).multiply(C3_OVER_24);
            return new Split(p, q, p.multiply(BigInteger.valueOf(A + B * k)));
        }
        int middle = (from + to) >>> 1;
        Split left = split(from, middle);
        Split right = split(middle, to);
        return new Split(
                left.p().multiply(right.p()),
                left.q().multiply(right.q()),
                right.q().multiply(left.t()).add(left.p().multiply(right.t())));
    }

    private record Split(BigInteger p, BigInteger q, BigInteger t) {
    }

    /**
     * {@code √n · 2^scale}: Newton's iteration from a double estimate, doubling the precision at each step so that
     * only the last step works at full width ({@link BigInteger#sqrt} iterates at full width throughout and is
     * several times slower here).
     */
    private static BigInteger sqrtScaled(int n, int scale) {
        int bits = 40;
        BigInteger root = BigInteger.valueOf((long) (Math.sqrt(n) * (1L << bits)));
        BigInteger radicand = BigInteger.valueOf(n);
        while (bits < scale) {
            int next = Math.min(2 * bits, scale);
            root = root.shiftLeft(next - bits);
            root = root.add(radicand.shiftLeft(2 * next).divide(root)).shiftRight(1);
            bits = next;
        }
        return root;
    }

    private static int[] toWords(BigInteger fraction, int count) {
        byte[] magnitude = fraction.toByteArray();
        byte[] bytes = new byte[count * Integer.BYTES];
        int copied = Math.min(magnitude.length, bytes.length);
        System.arraycopy(magnitude, magnitude.length - copied, bytes, bytes.length - copied, copied);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int at = i * Integer.BYTES;
            words[i] = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16
                    | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
        }
        return words;
    }
}
