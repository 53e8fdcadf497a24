-- The application's rights in its PostgreSQL database (docs/security.md, "Database roles").
--
-- Run once in the application's database, as a superuser, after creating the two roles and
-- the database (names as you choose; passwords from your secret store):
--
--   CREATE ROLE skyddsnat_owner LOGIN PASSWORD '…';   -- owns the tables: migrate, disposal
--   CREATE ROLE skyddsnat_app LOGIN PASSWORD '…';     -- the running application
--   CREATE DATABASE skyddsnat OWNER skyddsnat_owner;
--
--   psql -d skyddsnat -v owner=skyddsnat_owner -v app=skyddsnat_app -f scripts/database-roles.sql
--
-- The application's role reads and writes rows, and nothing else: no TRUNCATE, no REFERENCES,
-- no TRIGGER, no CREATE, and it owns nothing, so it cannot alter, disable or drop a table or a
-- trigger. The owner's later tables (every `migrate`) get the same rights by default.

\set ON_ERROR_STOP on

-- Nobody but the owner creates objects in the schema (PostgreSQL 15 does this already).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Tables and sequences the owner creates from now on.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- Tables and sequences already migrated (none in a new database).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
