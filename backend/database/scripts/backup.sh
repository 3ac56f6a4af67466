#!/usr/bin/env bash
# Create database backups in BACKUP_DIR as timestamped .sql.gz files.
#   ./backup.sh full      schema + data
#   ./backup.sh schema    schema only
#   ./backup.sh data      data only
#   ./backup.sh cleanup   delete backups older than 7 days
set -euo pipefail
USAGE="$(basename "$0") full | schema | data | cleanup"
. "$(dirname "$0")/_common.sh"
[ $# -eq 1 ] || usage
case "$1" in full | schema | data | cleanup) ;; *) usage ;; esac
netplus db backup "$1"
