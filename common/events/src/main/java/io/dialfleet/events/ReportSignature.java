package io.dialfleet.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a refresh-agent signs a ServerRefreshCompleted record on {@code dialfleet.refresh-status} and how the
 * api-service checks it (docs/operations.md, "Agent credentials"): HMAC-SHA256, under the agent's secret, over a
 * version tag, the key id, the record key (the server) and the exact value bytes, each length-prefixed so that no
 * two different inputs give the same bytes. The key id and the signature travel as Kafka headers; the record key is
 * the server the report is about.
 */
public final class ReportSignature {

    /** Header naming the agent key that signed the record. */
    public static final String HEADER_KEY_ID = "dialfleet_keyid";
    /** Header holding the signature, base64url without padding. */
    public static final String HEADER_SIGNATURE = "dialfleet_signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] VERSION = "dialfleet-report-v1".getBytes(StandardCharsets.UTF_8);

    private ReportSignature() {
    }

    /** The signature header's value for a record. */
    public static String sign(AgentCredential credential, String recordKey, byte[] value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(credential.secret(), credential.keyId(), recordKey, value));
    }

    /** Whether {@code signature} is what {@code secret} gives for the record; compared in constant time. */
    public static boolean verify(String secret, String keyId, String recordKey, byte[] value, String signature) {
        Optional<byte[]> presented = decode(signature);
        return presented.isPresent()
                && MessageDigest.isEqual(mac(secret, keyId, recordKey, value), presented.get());
    }

    private static Optional<byte[]> decode(String signature) {
        if (signature == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String secret, String keyId, String recordKey, byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            field(mac, VERSION);
            field(mac, keyId.getBytes(StandardCharsets.UTF_8));
            field(mac, recordKey == null ? new byte[0] : recordKey.getBytes(StandardCharsets.UTF_8));
            field(mac, value);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }

    private static void field(Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }
}
