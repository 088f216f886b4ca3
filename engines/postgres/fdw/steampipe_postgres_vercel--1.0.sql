\echo Use "CREATE EXTENSION steampipe_postgres_vercel" to load this file. \quit

CREATE FUNCTION steampipe_postgres_vercel_handler()
RETURNS fdw_handler
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FUNCTION steampipe_postgres_vercel_validator(text[], oid)
RETURNS void
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FOREIGN DATA WRAPPER steampipe_postgres_vercel
  HANDLER steampipe_postgres_vercel_handler
  VALIDATOR steampipe_postgres_vercel_validator;
