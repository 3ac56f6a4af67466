#!/usr/bin/env bash
# Run database migrations.
#   ./migrate.sh up             apply all migrations (creates the database if needed)
#   ./migrate.sh down [--yes]   show what rolling back the last migration does; --yes rolls it back
#   ./migrate.sh reset [--yes]  drop and recreate the database, then migrate it (asks unless --yes)
set -euo pipefail
USAGE="$(basename "$0") up | down [--yes] | reset [--yes]"
. "$(dirname "$0")/_common.sh"
case "${1:-}" in
    up) [ $# -eq 1 ] || usage ;;
    down | reset) [ $# -eq 1 ] || { [ $# -eq 2 ] && [ "$2" = "--yes" ]; } || usage ;;
    *) usage ;;
esac
netplus db migrate "$@"
