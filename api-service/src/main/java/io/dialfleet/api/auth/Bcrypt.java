package io.dialfleet.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * bcrypt (Provos and Mazières' EksBlowfish password hash) for any cost from {@value #MIN_COST} to
 * {@value #MAX_COST}.
 *
 * <p>Our own implementation because VICIdial hashes with cost 2 by default and the usual Java libraries refuse costs
 * below 4 (docs/spec/non-agent-api.md D5). The {@code $2a$}, {@code $2b$} and {@code $2y$} variants are computed alike: the key
 * is the password's UTF-8 bytes plus a terminating NUL, cut to 72 bytes. Strings follow the usual layout
 * {@code $2a$10$} + 22 characters of salt + 31 characters of hash, in bcrypt's own base64 ({@link #ALPHABET}, no
 * padding).
 *
 * <p>Longer than our usual class because it is one algorithm with its own base64, which nothing else uses; the
 * Blowfish constants are apart, in {@link BlowfishPi}.
 */
public final class Bcrypt {

    /** The lowest cost accepted; VICIdial's default. */
    public static final int MIN_COST = 2;
    /** The highest cost a bcrypt string can carry. */
    public static final int MAX_COST = 31;
    /** Bytes of salt. */
    public static final int SALT_BYTES = 16;
    /** Characters of a complete bcrypt string. */
    public static final int HASH_LENGTH = 60;
    /** bcrypt's base64 alphabet: not the MIME one, and used without padding. */
    public static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final Set<String> PREFIXES = Set.of("$2a$", "$2b$", "$2y$");
    private static final int SETTING_LENGTH = 29;
    private static final int SALT_CHARS = 22;
    private static final int HASH_BYTES = 23;
    private static final int MAX_KEY_BYTES = 72;
    /** The plaintext bcrypt encrypts 64 times with the expensive key schedule. */
    private static final int[] MAGIC = toWords("OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII), 6);
    private static final int[] NO_SALT = new int[4];
    private static final int[] INITIAL_P = BlowfishPi.initialP();
    private static final int[] INITIAL_S = BlowfishPi.initialS();
    private static final byte[] DECODE = decodeTable();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Bcrypt() {
    }

    /**
     * The bcrypt string of {@code password}.
     *
     * @param prefix {@code $2a$}, {@code $2b$} or {@code $2y$}; it only labels the result
     * @throws IllegalArgumentException if the cost is outside {@value #MIN_COST}..{@value #MAX_COST}, the salt is
     *                                  not {@value #SALT_BYTES} bytes or the prefix is unknown
     */
    public static String hash(String password, int cost, byte[] salt16, String prefix) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + MIN_COST + ".." + MAX_COST + ": " + cost);
        }
        if (salt16 == null || salt16.length != SALT_BYTES) {
            throw new IllegalArgumentException("bcrypt salt must be " + SALT_BYTES + " bytes");
        }
        if (!PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("bcrypt prefix must be $2a$, $2b$ or $2y$: " + prefix);
        }
        byte[] key = keyBytes(password);
        try {
            byte[] digest = eksBlowfish(cost, salt16, key);
            return prefix + twoDigits(cost) + '$' + encode(salt16, SALT_BYTES) + encode(digest, HASH_BYTES);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The bcrypt string of {@code password} with the variant, cost and salt of {@code setting}: its first 29
     * characters, {@code $2a$<cost>$<22 characters of salt>}; a complete bcrypt string is a valid setting.
     *
     * @throws IllegalArgumentException if the setting is malformed
     */
    public static String hash(String password, String setting) {
        if (!isSetting(setting)) {
            throw new IllegalArgumentException("not a bcrypt setting");
        }
        return hash(password, cost(setting), decode(setting, 7, SALT_BYTES), setting.substring(0, 4));
    }

    /**
     * Whether {@code password} hashes to {@code fullHash}, a complete bcrypt string; false for anything malformed.
     * The comparison takes the same time wherever the strings differ.
     */
    public static boolean verify(String password, String fullHash) {
        if (password == null || !isStandardHash(fullHash)) {
            return false;
        }
        byte[] computed = hash(password, fullHash).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, fullHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether {@code value} is a complete bcrypt string: 60 characters, a known variant, a two-digit cost in range,
     * and salt and hash in the bcrypt alphabet.
     */
    public static boolean isStandardHash(String value) {
        return value != null && value.length() == HASH_LENGTH && isSetting(value)
                && inAlphabet(value, SETTING_LENGTH, HASH_LENGTH);
    }

    /** A setting {@code $2a$<cost>$<salt>} with a fresh random salt, for {@link #hash(String, String)}. */
    public static String generateSalt(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + MIN_COST + ".." + MAX_COST + ": " + cost);
        }
        return "$2a$" + twoDigits(cost) + '$' + encode(randomSalt(), SALT_BYTES);
    }

    /** {@value #SALT_BYTES} bytes from a {@link SecureRandom}. */
    public static byte[] randomSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The first {@code length} bytes of {@code data} in bcrypt's base64, without padding. */
    static String encode(byte[] data, int length) {
        StringBuilder text = new StringBuilder((length * 4 + 2) / 3);
        for (int i = 0; i < length; i += 3) {
            int first = data[i] & 0xff;
            text.append(ALPHABET.charAt(first >>> 2));
            if (i + 1 >= length) {
                text.append(ALPHABET.charAt((first & 0x03) << 4));
                break;
            }
            int second = data[i + 1] & 0xff;
            text.append(ALPHABET.charAt((first & 0x03) << 4 | second >>> 4));
            if (i + 2 >= length) {
                text.append(ALPHABET.charAt((second & 0x0f) << 2));
                break;
            }
            int third = data[i + 2] & 0xff;
            text.append(ALPHABET.charAt((second & 0x0f) << 2 | third >>> 6));
            text.append(ALPHABET.charAt(third & 0x3f));
        }
        return text.toString();
    }

    /**
     * {@code byteCount} bytes decoded from bcrypt base64 starting at {@code from}; the caller has checked the
     * characters. Bits of the last character beyond {@code byteCount} are ignored, as every bcrypt does.
     */
    static byte[] decode(String text, int from, int byteCount) {
        byte[] data = new byte[byteCount];
        int at = from;
        for (int i = 0; i < byteCount; i += 3) {
            int first = DECODE[text.charAt(at++)];
            int second = DECODE[text.charAt(at++)];
            data[i] = (byte) (first << 2 | second >>> 4);
            if (i + 1 >= byteCount) {
                break;
            }
            int third = DECODE[text.charAt(at++)];
            data[i + 1] = (byte) ((second & 0x0f) << 4 | third >>> 2);
            if (i + 2 >= byteCount) {
                break;
            }
            int fourth = DECODE[text.charAt(at++)];
            data[i + 2] = (byte) ((third & 0x03) << 6 | fourth);
        }
        return data;
    }

    /** Whether every character of {@code text} in {@code [from, to)} is in {@link #ALPHABET}. */
    static boolean inAlphabet(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= DECODE.length || DECODE[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code $2a$NN$} + 22 salt characters at the start of {@code value}. */
    private static boolean isSetting(String value) {
        return value != null && value.length() >= SETTING_LENGTH
                && PREFIXES.contains(value.substring(0, 4))
                && isDigit(value.charAt(4)) && isDigit(value.charAt(5)) && value.charAt(6) == '$'
                && cost(value) >= MIN_COST && cost(value) <= MAX_COST
                && inAlphabet(value, 7, 7 + SALT_CHARS);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int cost(String setting) {
        return (setting.charAt(4) - '0') * 10 + (setting.charAt(5) - '0');
    }

    private static String twoDigits(int cost) {
        return cost < 10 ? "0" + cost : Integer.toString(cost);
    }

    /** The password's UTF-8 bytes and a NUL, at most 72 bytes. */
    private static byte[] keyBytes(String password) {
        Objects.requireNonNull(password, "password");
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, MAX_KEY_BYTES));
        Arrays.fill(utf8, (byte) 0);
        return key;
    }

    /** The expensive key setup, then 64 encryptions of {@link #MAGIC}; the first 23 bytes of the result. */
    private static byte[] eksBlowfish(int cost, byte[] salt, byte[] key) {
        int[] keyWords = toWords(key, 18);
        int[] saltWords = toWords(salt, 4);
        int[] saltAsKeyWords = toWords(salt, 18);
        BlowfishState state = new BlowfishState();
        state.expand(keyWords, saltWords);
        for (long round = 1L << cost; round > 0; round--) {
            state.expand(keyWords, NO_SALT);
            state.expand(saltAsKeyWords, NO_SALT);
        }
        int[] block = MAGIC.clone();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < block.length; j += 2) {
                long encrypted = state.encrypt(block[j], block[j + 1]);
                block[j] = (int) (encrypted >>> 32);
                block[j + 1] = (int) encrypted;
            }
        }
        byte[] digest = new byte[block.length * 4];
        for (int i = 0; i < block.length; i++) {
            digest[4 * i] = (byte) (block[i] >>> 24);
            digest[4 * i + 1] = (byte) (block[i] >>> 16);
            digest[4 * i + 2] = (byte) (block[i] >>> 8);
            digest[4 * i + 3] = (byte) block[i];
        }
        Arrays.fill(keyWords, 0);
        return digest;
    }

    /** {@code count} big-endian words read from {@code data}, starting over at its beginning when it runs out. */
    private static int[] toWords(byte[] data, int count) {
        int[] words = new int[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int word = 0;
            for (int b = 0; b < 4; b++) {
                word = word << 8 | (data[at] & 0xff);
                at = (at + 1) % data.length;
            }
            words[i] = word;
        }
        return words;
    }

    private static byte[] decodeTable() {
        byte[] table = new byte[128];
        Arrays.fill(table, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            table[ALPHABET.charAt(i)] = (byte) i;
        }
        return table;
    }

    /** Blowfish's P-array and S-boxes, starting from π and rewritten by each key expansion. */
    private static final class BlowfishState {
        private final int[] p = INITIAL_P.clone();
        private final int[] s = INITIAL_S.clone();

        /**
         * One ExpandKey step: XOR the key words into P, then replace P and the S-boxes, two words at a time, by
         * the running encryption of a block into which the salt words are XORed in turn.
         */
        void expand(int[] keyWords, int[] saltWords) {
            for (int i = 0; i < p.length; i++) {
                p[i] ^= keyWords[i];
            }
            int left = 0;
            int right = 0;
            int saltAt = 0;
            for (int i = 0; i < p.length; i += 2) {
                long encrypted = encrypt(left ^ saltWords[saltAt], right ^ saltWords[saltAt + 1]);
                saltAt ^= 2;
                left = (int) (encrypted >>> 32);
                right = (int) encrypted;
                p[i] = left;
                p[i + 1] = right;
            }
            for (int i = 0; i < s.length; i += 2) {
                long encrypted = encrypt(left ^ saltWords[saltAt], right ^ saltWords[saltAt + 1]);
                saltAt ^= 2;
                left = (int) (encrypted >>> 32);
                right = (int) encrypted;
                s[i] = left;
                s[i + 1] = right;
            }
        }

        /** The 16-round Blowfish encryption of one block; the result's high word is the left half. */
        long encrypt(int left, int right) {
            int[] p = this.p;
            left ^= p[0];
            for (int i = 1; i < 17; i += 2) {
                right ^= f(left) ^ p[i];
                left ^= f(right) ^ p[i + 1];
            }
            right ^= p[17];
            return (long) right << 32 | (left & 0xffffffffL);
        }

        private int f(int x) {
            int[] s = this.s;
            return ((s[x >>> 24] + s[0x100 | (x >>> 16 & 0xff)]) ^ s[0x200 | (x >>> 8 & 0xff)])
                    + s[0x300 | (x & 0xff)];
        }
    }
}
