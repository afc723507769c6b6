#!/bin/bash
# The application roles, created once by the postgres image's entrypoint on an empty data
# directory. Their names and passwords come from the Secret readmodel-credentials.
#   write-api:  owns the database and its schema (it runs the Flyway migrations).
#   cdc-bridge: LOGIN REPLICATION and nothing else here; SELECT on the published tables and the
#               publication itself come from the Job postgres-publication, run as the tables' owner
#               once write-api has created them (least privilege: README.md "Security").
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v writer="$WRITE_API_DB_USER" -v writer_password="$WRITE_API_DB_PASSWORD" \
  -v bridge="$BRIDGE_DB_USER" -v bridge_password="$BRIDGE_DB_PASSWORD" <<'SQL'
CREATE ROLE :"writer" WITH LOGIN PASSWORD :'writer_password';
CREATE ROLE :"bridge" WITH LOGIN REPLICATION PASSWORD :'bridge_password';
ALTER DATABASE :"DBNAME" OWNER TO :"writer";
ALTER SCHEMA public OWNER TO :"writer";
SQL
