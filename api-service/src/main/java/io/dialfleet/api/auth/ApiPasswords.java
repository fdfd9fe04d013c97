package io.dialfleet.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place that decides whether an API password matches a {@code vicidial_users} row (docs/spec/non-agent-api.md §4.2,
 * D5), and that hashes the plain passwords seeds give.
 *
 * <p>The API checks the password on every request, and a bcrypt of the default cost takes tens of milliseconds, so
 * successful verifications are remembered (Caffeine) for {@code dialfleet.auth.verification-cache-ttl}. An entry is keyed by an
 * HMAC, under a random key of this process, of everything the answer depends on — user, stored hash, pass key, pass
 * cost and password — so a changed credential simply misses, and no password is kept in memory. Failures are not
 * remembered: they stay as slow as bcrypt makes them, and {@link #spendVerificationTime} makes a login that cannot
 * match (no such user) just as slow.
 *
 * <p>Callers on the Vert.x event loop ask {@link #matchWithoutBcrypt} first and move {@link #matches} to a worker
 * only when it answers empty.
 */
@ApplicationScoped
public class ApiPasswords {

    /** Hashes we write must stay readable by any bcrypt library, and those refuse costs below 4. */
    private static final int MIN_WRITTEN_COST = 4;
    private static final String WRITTEN_PREFIX = "$2a$";
    private static final String CACHE_MAC = "HmacSHA256";

    private final int bcryptCost;
    private final SecretKeySpec cacheKeySecret;
    /** Null when the configuration turns the cache off. */
    private final Cache<CacheKey, Boolean> verified;
    /** A hash of nothing anyone knows, at the cost dialfleet writes, verified when no stored hash can match. */
    private final String dummyHash;

    @Inject
    public ApiPasswords(AuthConfig config) {
        this(config, System::nanoTime);
    }

    /** With a clock for {@link System#nanoTime()}, so tests can expire entries. */
    ApiPasswords(AuthConfig config, LongSupplier nanoClock) {
        if (config.bcryptCost() < MIN_WRITTEN_COST || config.bcryptCost() > Bcrypt.MAX_COST) {
            throw new IllegalArgumentException("dialfleet.auth.bcrypt-cost must be " + MIN_WRITTEN_COST + ".."
                    + Bcrypt.MAX_COST + ": " + config.bcryptCost());
        }
        this.bcryptCost = config.bcryptCost();
        boolean cacheOn = config.verificationCacheSize() > 0 && !config.verificationCacheTtl().isNegative() && !config.verificationCacheTtl().isZero();
        this.verified = cacheOn
                ? Caffeine.newBuilder()
                        .maximumSize(config.verificationCacheSize())
                        .expireAfterWrite(config.verificationCacheTtl())
                        .ticker(nanoClock::getAsLong)
                        // Eviction on the caller's thread: no pool thread of its own, and tests see it at once.
                        .executor(Runnable::run)
                        .build()
                : null;
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(secret);
        this.cacheKeySecret = new SecretKeySpec(secret, CACHE_MAC);
        byte[] unknowable = new byte[16];
        random.nextBytes(unknowable);
        this.dummyHash = hash(HexFormat.of().formatHex(unknowable));
    }

    /**
     * The standard bcrypt string ({@code $2a$}, 60 characters, random salt, the configured cost) to store for a
     * plain password a seed gives; plain passwords are never stored.
     */
    public String hash(String plainPassword) {
        return Bcrypt.hash(plainPassword, bcryptCost, Bcrypt.randomSalt(), WRITTEN_PREFIX);
    }

    /**
     * Whether {@code password} matches a user's stored {@code pass_hash} (D5): a standard bcrypt string
     * ({@code $2a$}, {@code $2b$} or {@code $2y$}, 60 characters) is verified the usual way; a 31-character VICIdial
     * hash with {@code system_settings.pass_key} and {@code pass_cost} ({@link VicidialPassHash}); anything else,
     * {@code ''} included, matches nothing. Exact and case-sensitive; false for any null argument ({@code passKey}
     * matters only to the VICIdial form). May run bcrypt: off the event loop unless {@link #matchWithoutBcrypt}
     * answered.
     */
    public boolean matches(String user, String password, String storedPassHash, String passKey, int passCost) {
        if (!canMatch(user, password, storedPassHash, passKey, passCost)) {
            return false;
        }
        CacheKey key = cacheKey(user, password, storedPassHash, passKey, passCost);
        if (isVerified(key)) {
            return true;
        }
        boolean matched = Bcrypt.isStandardHash(storedPassHash)
                ? Bcrypt.verify(password, storedPassHash)
                : VicidialPassHash.matches(password, storedPassHash, passKey, passCost);
        if (matched && verified != null) {
            verified.put(key, Boolean.TRUE);
        }
        return matched;
    }

    /**
     * What {@link #matches} would answer, when that is known without running bcrypt: {@code true} when the same
     * inputs verified within the TTL, {@code false} when they can never match (null argument, a stored value of
     * neither form, an empty password or an unusable key or cost for the VICIdial form). Empty when only bcrypt can
     * tell; then call {@link #matches} off the event loop.
     */
    public Optional<Boolean> matchWithoutBcrypt(String user, String password, String storedPassHash, String passKey,
            int passCost) {
        if (!canMatch(user, password, storedPassHash, passKey, passCost)) {
            return Optional.of(false);
        }
        return isVerified(cacheKey(user, password, storedPassHash, passKey, passCost))
                ? Optional.of(true)
                : Optional.empty();
    }

    /**
     * Takes as long as verifying a password against a hash of the configured cost, and answers false: for a login
     * that cannot match (unknown, inactive or locked user), so that its time does not tell the user name exists.
     * Runs bcrypt: off the event loop.
     */
    public boolean spendVerificationTime(String password) {
        Bcrypt.verify(password == null ? "" : password, dummyHash);
        return false;
    }

    /** Forgets every remembered verification; the seed import calls it after rewriting users. */
    public void forgetAll() {
        if (verified != null) {
            verified.invalidateAll();
        }
    }

    /** Remembered verifications that have not expired. */
    long cachedEntries() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static boolean canMatch(String user, String password, String stored, String passKey, int passCost) {
        if (user == null || password == null || stored == null) {
            return false;
        }
        if (Bcrypt.isStandardHash(stored)) {
            return true;
        }
        return VicidialPassHash.isWellFormed(stored) && !password.isEmpty()
                && VicidialPassHash.setting(passKey, passCost).isPresent();
    }

    private boolean isVerified(CacheKey key) {
        return verified != null && verified.getIfPresent(key) != null;
    }

    private CacheKey cacheKey(String user, String password, String stored, String passKey, int passCost) {
        Mac mac = newMac();
        update(mac, user);
        update(mac, stored);
        update(mac, passKey);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(passCost).array());
        update(mac, password);
        ByteBuffer digest = ByteBuffer.wrap(mac.doFinal());
        return new CacheKey(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** A length-prefixed field, so that no two different inputs feed the MAC the same bytes; null differs from ''. */
    private static void update(Mac mac, String field) {
        if (field == null) {
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
        Arrays.fill(bytes, (byte) 0);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(CACHE_MAC);
            mac.init(cacheKeySecret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + CACHE_MAC, e);
        }
    }

    /** The 256-bit MAC of a verification's inputs. */
    private record CacheKey(long first, long second, long third, long fourth) {
    }
}
