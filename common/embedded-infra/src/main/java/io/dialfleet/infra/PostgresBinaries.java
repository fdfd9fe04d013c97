package io.dialfleet.infra;

/** Which PostgreSQL binaries the embedded mode runs. */
public enum PostgresBinaries {
    /** zonky's bundled binaries (from the Maven artifact); if they cannot run, the machine's binaries. */
    AUTO,
    /** Only zonky's bundled binaries (PostgreSQL 17 on linux-amd64). */
    ZONKY,
    /** Only the machine's binaries (e.g. Debian's /usr/lib/postgresql/N/bin), run as OS user postgres when we are root. */
    SYSTEM;

    static PostgresBinaries parse(String value) {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
