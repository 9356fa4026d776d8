#!/usr/bin/env bash
# Runs once, when the postgis/postgis container initialises an empty data folder: the
# application's own role (no superuser), its database, and PostGIS created for it.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v password="$NABOLAG_DB_PASSWORD" <<'SQL'
CREATE ROLE nabolag LOGIN PASSWORD :'password';
CREATE DATABASE nabolag OWNER nabolag;
\connect nabolag
CREATE EXTENSION IF NOT EXISTS postgis;
SQL
