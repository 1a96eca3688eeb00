#!/usr/bin/env bash
# A streaming-replication standby of this machine's PostgreSQL (the Debian cluster "main" on
# 127.0.0.1:5432): a second cluster "standby" on port ${STANDBY_PORT:-5433}, made with
# `pg_basebackup -R` (so it follows the primary by itself) and started read-only (hot standby).
# Prints the standby's port when it answers. Run again, it makes the standby afresh.
set -euo pipefail
port="${STANDBY_PORT:-5433}"
version="$(ls /etc/postgresql | head -n 1)"
primary_conf="/etc/postgresql/${version}/main"
data="/var/lib/postgresql/${version}/standby"

# The primary accepts replication connections from this machine (trust, as its other ones).
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]' "${primary_conf}/pg_hba.conf"; then
  echo "host replication all 127.0.0.1/32 trust" >> "${primary_conf}/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "${version}" main reload
fi

pg_dropcluster --stop "${version}" standby >/dev/null 2>&1 || true
pg_createcluster "${version}" standby -p "${port}" >/dev/null
# Its data is the primary's, copied while it runs; -R writes standby.signal and primary_conninfo.
find "${data}" -mindepth 1 -delete
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "${data}" -R -X stream -c fast
# Connections as on the primary; hot_standby (the default) lets it answer reads.
cp "${primary_conf}/pg_hba.conf" "/etc/postgresql/${version}/standby/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "${version}" standby start

for _ in $(seq 1 100); do
  if [ "$(psql -h 127.0.0.1 -p "${port}" -U postgres -Atqc 'select pg_is_in_recovery()' 2>/dev/null)" = "t" ]; then
    echo "${port}"
    exit 0
  fi
  sleep 0.1
done
echo "the standby on port ${port} did not start; see /var/log/postgresql/postgresql-${version}-standby.log" >&2
exit 1
