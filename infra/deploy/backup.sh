#!/usr/bin/env bash
# Backs up Nabolag's database (everything: projects, contributions, photos, staff, audit log)
# with pg_dump in its custom format, which pg_restore reads.
#
#   DATABASE_URL=postgres://nabolag:…@db:5432/nabolag infra/deploy/backup.sh [file]
#
# Writes <file> (default nabolag-<UTC time>.dump in the current folder) and prints its name. The
# file appears only when the dump is complete and readable, so a half-written backup is never
# mistaken for a good one. Needs pg_dump and pg_restore of PostgreSQL 15 or newer; no Docker.
set -euo pipefail

url="${DATABASE_URL:?Set DATABASE_URL to the database to back up (postgres://user:password@host:port/db)}"
file="${1:-nabolag-$(date -u +%Y%m%dT%H%M%SZ).dump}"
partial="${file}.partial"
trap 'rm -f "$partial"' EXIT

# --format=custom: compressed, and pg_restore can restore it selectively and in one transaction.
pg_dump --format=custom --compress=6 --file="$partial" --dbname="$url"
# A dump pg_restore cannot list is no backup.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$file"
echo "$file"
