#!/bin/bash
# Run by the Job postgres-publication as the tables' owner (write-api's role), what a DBA does on a
# legacy database (root README, "Pointing the bridge at your own database"): waits until write-api's
# migrations have created the published tables, grants the bridge SELECT on them and creates the
# publication. Idempotent. Until it has run, the bridge's stream start fails and is retried.
set -euo pipefail
tables=${PUBLICATION_TABLES//,/, }
until [[ $(psql -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
        AND tablename = ANY (string_to_array('$PUBLICATION_TABLES', ','))") == \
        $(awk -F, '{print NF}' <<<"$PUBLICATION_TABLES") ]]; do
  echo "waiting for tables $tables"
  sleep 5
done
psql -v ON_ERROR_STOP=1 -v bridge="$BRIDGE_DB_USER" -v publication="$PUBLICATION_NAME" <<SQL
GRANT SELECT ON $tables TO :"bridge";
SELECT NOT EXISTS (SELECT FROM pg_publication WHERE pubname = :'publication') AS missing \gset
\if :missing
CREATE PUBLICATION :"publication" FOR TABLE $tables;
\endif
SQL
echo "publication $PUBLICATION_NAME: $tables"
