package io.dialfleet.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncDigestTest {

    @Test
    void rowsHoldingTheSameValuesHaveOneDigestWhateverTheNumberTypeOrOtherColumns() {
        Map<String, Object> dialfleet = new HashMap<>(Map.of("extension", "8001", "phone_ring_timeout", (short) 60));
        dialfleet.put("email", null);
        Map<String, Object> mysql = new HashMap<>(Map.of("extension", "8001", "phone_ring_timeout", 60,
                "peer_status", "REGISTERED"));
        mysql.put("email", null);
        List<String> columns = List.of("extension", "phone_ring_timeout", "email");

        assertThat(SyncDigest.of(mysql, columns)).isEqualTo(SyncDigest.of(dialfleet, columns)).hasSize(64);
    }

    @Test
    void anyOwnedValueChangesTheDigestAndNullIsNotTheEmptyText() {
        Map<String, Object> row = new HashMap<>(Map.of("extension", "8001", "fullname", "A"));
        List<String> columns = List.of("extension", "fullname");
        String digest = SyncDigest.of(row, columns);

        assertThat(SyncDigest.of(Map.of("extension", "8001", "fullname", "B"), columns)).isNotEqualTo(digest);
        row.put("fullname", "");
        String empty = SyncDigest.of(row, columns);
        row.put("fullname", null);
        assertThat(SyncDigest.of(row, columns)).isNotEqualTo(empty);
        // values cannot be shifted between columns to give the same text
        assertThat(SyncDigest.of(Map.of("extension", "8001=", "fullname", "A"), columns))
                .isNotEqualTo(SyncDigest.of(Map.of("extension", "8001", "fullname", "=A"), columns));
    }

    @Test
    void keysIgnoreCaseAsBothDatabasesDo() {
        assertThat(SyncKey.phone("10.10.10.15", "AB1")).isEqualTo(SyncKey.phone("10.10.10.15", "ab1"));
        assertThat(SyncKey.phone("10.10.10.15", "ab1").key()).isEqualTo("10.10.10.15/ab1");
        assertThat(SyncKey.alias("Al100")).isEqualTo(new SyncKey("alias", "al100"));
    }

    @Test
    void runTimeColumnsAreNotOwned() {
        assertThat(OwnedColumns.PHONE).doesNotContainAnyElementsOf(OwnedColumns.PHONE_RUNTIME)
                .containsAll(OwnedColumns.PHONE_KEY).doesNotHaveDuplicates();
    }
}
