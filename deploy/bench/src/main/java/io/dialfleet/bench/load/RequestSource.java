package io.dialfleet.bench.load;

/**
 * The requests of one load: the next path and query for a worker. A worker's calls never overlap (the next one is
 * asked for when the previous reply arrived), so per-worker state needs no locking; different workers are called
 * from different threads.
 */
@FunctionalInterface
public interface RequestSource {

    String next(int worker);
}
