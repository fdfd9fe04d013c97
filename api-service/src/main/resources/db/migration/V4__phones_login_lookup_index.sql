-- The unique index on login is partial (login <> ''), so a parameterised "login = $1" cannot use it and every
-- login check scanned all phones with citext comparisons. A plain index serves the lookups.
CREATE INDEX phones_login_idx ON phones (login);
