package io.dialfleet.api.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest of a row's owned columns, the same for a dialfleet row and a MySQL row holding the same values: the
 * sync base of the three-way comparison ({@code vicidial_sync}). Values are compared by their text (numbers of any
 * width alike); null differs from every text, the empty one included. A digest reveals no value.
 */
public final class SyncDigest {

    private static final char UNIT_SEPARATOR = '\u001f';

    private SyncDigest() {
    }

    public static String of(Map<String, ?> row, List<String> columns) {
        StringBuilder text = new StringBuilder();
        for (String column : columns) {
            Object value = row.get(column);
            text.append(column).append(value == null ? "\u0000" : "=" + value).append(UNIT_SEPARATOR);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String phone(Map<String, ?> row) {
        return of(row, OwnedColumns.PHONE);
    }

    public static String alias(Map<String, ?> row) {
        return of(row, OwnedColumns.ALIAS);
    }
}
