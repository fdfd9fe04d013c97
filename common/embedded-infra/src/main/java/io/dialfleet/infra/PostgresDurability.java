package io.dialfleet.infra;

/** What a commit PostgreSQL has acknowledged survives. */
public enum PostgresDurability {

    /**
     * {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off: fast, for test data. A commit can be
     * acknowledged before it reached the operating system, so killing the server loses the last ones.
     */
    FAST,

    /** PostgreSQL's defaults for the three: an acknowledged commit survives a killed server and a power cut. */
    DURABLE
}
