#!/usr/bin/env bash
# Populate the database with demo data: accounts, catalog, question bank, assessments, achievements.
# Running it again changes nothing.
set -euo pipefail
USAGE="$(basename "$0")"
. "$(dirname "$0")/_common.sh"
[ $# -eq 0 ] || usage
netplus db seed
