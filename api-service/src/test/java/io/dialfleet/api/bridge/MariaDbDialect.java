package io.dialfleet.api.bridge;

/**
 * The conformance vectors' PostgreSQL checks on {@code phones}, {@code phones_alias} and {@code servers} in
 * MariaDB's dialect. The vectors were recorded in MySQL and converted to PostgreSQL; this takes back the few
 * PostgreSQL-only spellings they use.
 */
final class MariaDbDialect {

    private MariaDbDialect() {
    }

    static String translate(String postgres) {
        return postgres
                // G51: the name's UTF-8 bytes in hex; utf8mb3 columns hold UTF-8 bytes, so HEX() of the value.
                .replace("upper(encode(convert_to(fullname,'UTF8'),'hex'))", "upper(hex(fullname))");
    }
}
