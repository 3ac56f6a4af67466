#!/usr/bin/env bash
# Restore a backup made by backup.sh, in one transaction.
#   ./restore.sh /path/to/backup.sql.gz [--force] [--create] [--database NAME]
# The archive is verified before anything is touched; a database that is not empty is refused
# unless --force; a failed restore leaves the database as it was.
set -euo pipefail
USAGE="$(basename "$0") PATH.sql.gz [--force] [--create] [--database NAME]"
. "$(dirname "$0")/_common.sh"
[ $# -ge 1 ] || usage
case "$1" in -*) usage ;; esac
netplus db restore "$@"
