package io.dialfleet.api.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedSchemaTest {

    @Test
    void readsTheMembersOfAnInCheckAsPostgresqlPrintsIt() {
        assertThat(SeedSchema.allowedValues(
                "CHECK (((is_webphone)::text = ANY ((ARRAY['Y'::character varying, 'N'::character varying, "
                        + "'Y_API_LAUNCH'::character varying])::text[])))"))
                .containsExactly("Y", "N", "Y_API_LAUNCH");
        assertThat(SeedSchema.allowedValues("CHECK ((x = ANY (ARRAY['it''s'::text, 'b'::text])))"))
                .containsExactly("it's", "b");
    }

    @Test
    void readsTheWidthOfACitextColumnFromItsLengthCheck() {
        assertThat(SeedSchema.lengthLimit("CHECK ((length((user_group)::text) <= 20))")).hasValue(20);
        assertThat(SeedSchema.allowedValues("CHECK ((length((user_group)::text) <= 20))")).isEmpty();
    }

    @Test
    void ignoresOtherChecks() {
        assertThat(SeedSchema.allowedValues("CHECK ((settings_id = 1))")).isEmpty();
        assertThat(SeedSchema.lengthLimit("CHECK ((settings_id = 1))")).isEmpty();
    }
}
