#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database that has PostGIS.
#
#   DATABASE_URL=postgres://nabolag:…@db:5432/nabolag_restored infra/deploy/restore.sh file.dump
#
# Prepare the target once, as the database superuser (the application's role need not be one):
#   createdb -O nabolag nabolag_restored
#   psql -d nabolag_restored -c 'CREATE EXTENSION postgis'
# The restore runs in one transaction: it either completes or leaves the target as it was.
# Objects end up owned by the role in DATABASE_URL. Then point the API's DATABASE_URL at it.
set -euo pipefail

url="${DATABASE_URL:?Set DATABASE_URL to the (empty) database to restore into}"
file="${1:?Usage: restore.sh <file made by backup.sh>}"
[[ -r "$file" ]] || { echo "restore.sh: cannot read $file" >&2; exit 1; }

psql_target() { PGTZ=UTC psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$url" "$@"; }

if [[ "$(psql_target -c "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")" != "1" ]]; then
  echo "restore.sh: the target database has no PostGIS. As the superuser: psql -d <db> -c 'CREATE EXTENSION postgis'" >&2
  exit 1
fi
tables="$(psql_target -c "SELECT count(*) FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'")"
if [[ "$tables" != "0" ]]; then
  echo "restore.sh: the target database is not empty ($tables tables); restore into a new database" >&2
  exit 1
fi

# Everything but the PostGIS extension itself and its table of coordinate systems: the target has
# them, and only their owner (the superuser) may change them. Nabolag adds no coordinate systems.
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
pg_restore --list "$file" |
  grep -Ev '^[0-9]+; [0-9]+ [0-9]+ ((EXTENSION|COMMENT) - (EXTENSION )?postgis( |$)|TABLE DATA public spatial_ref_sys )' >"$list"
pg_restore --dbname="$url" --use-list="$list" --no-owner --no-acl --single-transaction --exit-on-error "$file"
echo "restore.sh: restored $file"
