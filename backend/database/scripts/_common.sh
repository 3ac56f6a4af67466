# Shared by the scripts in this folder: find the `netplus` command and print usage.
# The scripts read the seed's variables (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DATABASE_URL,
# BACKUP_DIR) through `netplus`, which reads the same environment.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

netplus() {
    if [ -x "$repo_root/.venv/bin/netplus" ]; then
        "$repo_root/.venv/bin/netplus" "$@"
    elif command -v netplus >/dev/null 2>&1; then
        command netplus "$@"
    else
        echo "netplus is not installed: run 'python3 -m venv .venv && .venv/bin/pip install -e .' in $repo_root" >&2
        exit 127
    fi
}

usage() {
    echo "usage: $USAGE" >&2
    exit 2
}
