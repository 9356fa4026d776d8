#!/usr/bin/env bash
# A restore drill: back up SOURCE, restore into SCRATCH (a new, empty database with PostGIS),
# and compare the two (check-restore.sh). Exits 0 only when the restore matches. Run it now and
# then, so that a backup is known to restore before the day it must.
#
#   infra/deploy/restore-drill.sh postgres://…/nabolag postgres://…/nabolag_drill
set -euo pipefail

source_url="${1:?Usage: restore-drill.sh <source database URL> <empty scratch database URL>}"
scratch_url="${2:?Usage: restore-drill.sh <source database URL> <empty scratch database URL>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

DATABASE_URL="$source_url" "$here/backup.sh" "$work/drill.dump" >/dev/null
echo "restore-drill.sh: backup $(du -h "$work/drill.dump" | cut -f1)"
DATABASE_URL="$scratch_url" "$here/restore.sh" "$work/drill.dump"
"$here/check-restore.sh" "$source_url" "$scratch_url"
