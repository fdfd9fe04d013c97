package io.dialfleet.api.seed;

import io.dialfleet.events.Actor;
import io.quarkus.runtime.StartupEvent;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Imports {@code dialfleet.seed.file} when the service starts, after Flyway migrated the schema (that runs before
 * {@link StartupEvent}). A file that cannot be imported stops the service: running without the fleet it was told
 * to load would answer the API wrongly.
 */
@ApplicationScoped
public class SeedOnStartup {

    private static final Logger LOG = Logger.getLogger(SeedOnStartup.class);
    static final Actor ACTOR = new Actor("system", SeedImporter.SOURCE, "startup", SeedImporter.FUNCTION);

    private final SeedImporter importer;
    private final SeedConfig config;

    public SeedOnStartup(SeedImporter importer, SeedConfig config) {
        this.importer = importer;
        this.config = config;
    }

    void importSeedFile(@Observes StartupEvent startup) {
        config.seed().file()
                .filter(file -> !file.isBlank())
                .ifPresent(file -> importFile(Path.of(file), config.seed().mode(), config.seed().silent()));
    }

    /** @throws SeedFileFailed naming the file and the problem */
    SeedSummary importFile(Path file, SeedMode mode, boolean silent) {
        byte[] json = read(file);
        SeedSummary summary;
        try {
            summary = importer.importJson(json, mode, silent, ACTOR).await().indefinitely();
        } catch (SeedRejected e) {
            throw new SeedFileFailed(file, "rejected, nothing imported: " + e.getMessage());
        } catch (PgException e) {
            // The message alone: PostgreSQL's DETAIL can quote a row of the file, passwords included.
            throw new SeedFileFailed(file, "PostgreSQL " + e.getSqlState() + ": " + e.getErrorMessage());
        } catch (RuntimeException e) {
            throw new SeedFileFailed(file, "import failed", e);
        }
        if (summary.imported()) {
            LOG.infof("dialfleet.seed.file %s imported (%s%s): %s", file, summary.mode(), silent ? ", silent" : "",
                    summary.rows());
        } else {
            LOG.infof("dialfleet.seed.file %s not imported (%s): the database holds a fleet already", file,
                    summary.mode());
        }
        return summary;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SeedFileFailed(file, "no such file");
        } catch (IOException e) {
            throw new SeedFileFailed(file, "cannot be read: " + e);
        }
    }

    /** Stops the start-up: the message names the file and what went wrong, never a value from it. */
    static final class SeedFileFailed extends RuntimeException {

        SeedFileFailed(Path file, String problem) {
            super("dialfleet.seed.file " + file + ": " + problem, null, false, false);
        }

        SeedFileFailed(Path file, String problem, Throwable cause) {
            super("dialfleet.seed.file " + file + ": " + problem + ": " + cause, cause);
        }
    }
}
