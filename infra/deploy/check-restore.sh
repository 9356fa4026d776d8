#!/usr/bin/env bash
# Compares two Nabolag databases table by table: row counts, a checksum of every row (geometry
# included, as EWKB) and a checksum of each geometry column, and the sequences' positions.
# Exits 1 on any difference. Use it on a restore drill: the source while writes are paused (or a
# copy of it), and the database restored from its backup.
#
#   infra/deploy/check-restore.sh postgres://…/nabolag postgres://…/nabolag_restored
set -euo pipefail

source_url="${1:?Usage: check-restore.sh <source database URL> <restored database URL>}"
restored_url="${2:?Usage: check-restore.sh <source database URL> <restored database URL>}"

# UTC and ISO dates: the same value prints the same on both servers, whatever their settings.
query() { PGTZ=UTC PGDATESTYLE=ISO psql --no-psqlrc --quiet --tuples-only --no-align --field-separator=' ' --dbname="$1" -c "$2"; }

tables="$(query "$source_url" "SELECT quote_ident(table_name) FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1")"
[[ -n "$tables" ]] || { echo "check-restore.sh: the source has no tables" >&2; exit 1; }

differences=0
compare() {
  local what="$1" sql="$2" left right
  left="$(query "$source_url" "$sql")"
  right="$(query "$restored_url" "$sql" 2>&1)" || right="(error: ${right})"
  if [[ "$left" == "$right" ]]; then
    printf 'same       %-45s %s\n' "$what" "${left%% *}"
  else
    printf 'DIFFERENT  %-45s source: %s | restored: %s\n' "$what" "$left" "$right"
    differences=$((differences + 1))
  fi
}

for table in $tables; do
  compare "$table (rows, content)" \
    "SELECT count(*) || ' ' || COALESCE(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM public.$table t"
  columns="$(query "$source_url" "SELECT quote_ident(f_geometry_column) FROM geometry_columns
    WHERE f_table_schema = 'public' AND f_table_name = '$table' ORDER BY 1")"
  for column in $columns; do
    compare "$table.$column (geometries)" \
      "SELECT count($column) || ' ' || COALESCE(md5(string_agg(encode(ST_AsEWKB($column), 'hex'), ',' ORDER BY encode(ST_AsEWKB($column), 'hex'))), '-') FROM public.$table"
  done
done
for sequence in $(query "$source_url" "SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"); do
  compare "sequence $sequence" "SELECT COALESCE(last_value, 0) FROM public.$sequence"
done

if ((differences > 0)); then
  echo "check-restore.sh: ${differences} difference(s)" >&2
  exit 1
fi
echo "check-restore.sh: the restored database matches the source"
