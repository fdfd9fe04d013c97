-- Every phone request looks a phone up by (extension, server_ip). With the key's columns in that order, a planner
-- holding stale statistics (right after a bulk load, before autovacuum analysed the table) chose the server_ip
-- index instead and filtered all of a server's phones with citext comparisons: milliseconds per request, growing
-- with the server. Keyed (server_ip, extension), one unique index answers both the exact lookups and the
-- "all phones of a server" reads, whatever the statistics say, and each insert maintains one index less.
ALTER TABLE phones DROP CONSTRAINT phones_extension_server_ip_key;
ALTER TABLE phones ADD CONSTRAINT phones_server_ip_extension_key UNIQUE (server_ip, extension);
DROP INDEX phones_server_ip_idx;
