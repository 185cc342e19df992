#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the EF Core tests, bound to 127.0.0.1 only, and writes its connection string to
# artifacts/services/postgres.env as MEDIAKIT_POSTGRES. Idempotent: a server this script already started is reused.
#
# Installs PostgreSQL with apt-get when no server binaries are present (a fresh Debian CI machine). The cluster lives in a
# temporary folder owned by the `postgres` user (when run as root) and is tuned for tests, not durability (fsync=off).
# Its default collation is ICU en-US, like a typical production database, so the tests see linguistic string ordering.
# eng/services/postgres-stop.sh stops it and removes the folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${MEDIAKIT_POSTGRES_PORT:-15432}"
root="${TMPDIR:-/tmp}/mediakit-postgres-$port"
data="$root/data"
env_file="artifacts/services/postgres.env"
role="mediakit"
database="mediakit"

find_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/postgres" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! bin="$(find_bin)"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres-start: no PostgreSQL server under /usr/lib/postgresql and not root; install postgresql-15." >&2
    exit 1
  fi
  echo "postgres-start: installing PostgreSQL 15"
  # Only the binaries are wanted: no cluster on the default port that would outlive the tests.
  mkdir -p /etc/postgresql-common
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
  bin="$(find_bin)"
fi

# pg_trgm ships in the server package since PostgreSQL 10; older layouts had it in postgresql-contrib.
share="$("$bin/pg_config" --sharedir)"
if [ ! -e "$share/extension/pg_trgm.control" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-contrib >/dev/null
  else
    echo "postgres-start: the pg_trgm extension is missing; install postgresql-contrib." >&2
    exit 1
  fi
fi

# The server refuses to run as root: as root, run it as `postgres`; otherwise as the calling user.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

psql_admin() { as_server "$bin/psql" -h "$root/run" -p "$port" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ -f "$data/postmaster.pid" ] && as_server "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && [ -s "$env_file" ]; then
  echo "postgres-start: already running on 127.0.0.1:$port"
  exit 0
fi

# Anything left from an earlier run that was not stopped cleanly.
if [ -d "$root" ]; then
  as_server "$bin/pg_ctl" -D "$data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$root"
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "postgres-start: port $port on 127.0.0.1 is taken by another program; set MEDIAKIT_POSTGRES_PORT." >&2
  exit 1
fi

mkdir -p "$root/run"
chmod 700 "$root"
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres: "$root"
fi

as_server "$bin/initdb" -D "$data" --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US \
  --auth-local=peer --auth-host=scram-sha-256 >/dev/null
cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root/run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF

as_server "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null
for _ in $(seq 1 60); do
  "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
  sleep 0.5
done
"$bin/pg_isready" -h 127.0.0.1 -p "$port" -q || { cat "$root/server.log" >&2; exit 1; }

password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# CREATEDB: the tests create a database per test class and drop it afterwards. pg_trgm is a trusted extension, so a
# database owner may create it; it is also created in template1 so every new database starts with it.
psql_admin -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'"
psql_admin -c "CREATE DATABASE $database OWNER $role"
psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"
psql_admin -d "$database" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"

mkdir -p "$(dirname "$env_file")"
umask 077
echo "MEDIAKIT_POSTGRES=\"Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database\"" > "$env_file"
echo "postgres-start: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port; settings in $env_file"
