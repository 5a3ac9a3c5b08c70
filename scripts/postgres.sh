#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: 127.0.0.1 on a free port (never 5432), trust auth on
# loopback, data in a folder of its own that `stop` deletes.
#
#   scripts/postgres.sh run CMD ARGS...  start a server in a new temporary folder, run CMD with
#                                        OVERTURES_TEST_POSTGRES_URL set, stop it whatever CMD returns
#   scripts/postgres.sh start DIR        create DIR, initialise and start a server there, wait until ready
#   scripts/postgres.sh url DIR          print the server's SQLAlchemy URL
#   scripts/postgres.sh stop DIR         stop the server and delete DIR
#
# The server binaries are taken from a pg_ctl on PATH, else /usr/lib/postgresql/<newest>/bin (Debian).
# When there are none and this runs as root on Debian, `apt-get install postgresql` provides them. The
# server refuses to run as root, so as root it runs as the `postgres` system user (created if missing).
# `run` uses an OVERTURES_TEST_POSTGRES_URL that is already set instead of starting a server.
set -euo pipefail

SERVER_USER=postgres
DB_USER=postgres
INSTALL_LOG="${TMPDIR:-/tmp}/overtures-postgres-install.log"

fail() {
	echo "postgres.sh: $*" >&2
	exit 1
}

# The folder holding pg_ctl, initdb and postgres, or nothing.
find_binaries() {
	local dir
	if command -v pg_ctl >/dev/null; then
		dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
		[[ -x $dir/initdb && -x $dir/postgres ]] && echo "$dir" && return
	fi
	dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
	[[ -n $dir && -x $dir/pg_ctl && -x $dir/initdb ]] && echo "$dir"
	return 0
}

# Install the Debian package quietly; its output goes to INSTALL_LOG.
install_postgres() {
	[[ $(id -u) -eq 0 ]] || return 1
	command -v apt-get >/dev/null || return 1
	echo "postgres.sh: no PostgreSQL server found; installing the Debian package (log: $INSTALL_LOG)" >&2
	{
		apt-get update &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
	} >"$INSTALL_LOG" 2>&1
}

binaries() {
	local dir
	dir=$(find_binaries)
	if [[ -z $dir ]]; then
		install_postgres || fail "PostgreSQL is needed for the tests and could not be installed" \
			"(apt-get as root on Debian, see $INSTALL_LOG); install it, or set OVERTURES_TEST_POSTGRES_URL"
		dir=$(find_binaries)
		[[ -n $dir ]] || fail "the postgresql package installed no server binaries; see $INSTALL_LOG"
	fi
	echo "$dir"
}

# Run a command as the user the server runs as: the postgres system user when we are root.
as_server() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u "$SERVER_USER" -- "$@"
	else
		"$@"
	fi
}

ensure_server_user() {
	[[ $(id -u) -eq 0 ]] || return 0
	id -u "$SERVER_USER" >/dev/null 2>&1 && return 0
	useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$SERVER_USER"
}

free_port() {
	python3 -c 'import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    if port != 5432: print(port); break'
}

# Settings appended to the fresh cluster's postgresql.conf. fsync is off: the server is thrown away.
configure() {
	local dir=$1 port=$2
	cat >>"$dir/data/postgresql.conf" <<-EOF
		listen_addresses = '127.0.0.1'
		port = $port
		unix_socket_directories = '$dir'
		fsync = off
		max_connections = 200
	EOF
}

start() {
	local dir=$1 bin port attempt
	bin=$(binaries)
	ensure_server_user
	mkdir -p "$dir"
	[[ $(id -u) -ne 0 ]] || chown "$SERVER_USER" "$dir"
	echo "$bin" >"$dir/bin"
	as_server "$bin/initdb" -D "$dir/data" -U "$DB_USER" --auth=trust --encoding=UTF8 --locale=C \
		--no-sync >"$dir/initdb.log" 2>&1 || fail "initdb failed; see $dir/initdb.log"
	for attempt in 1 2 3; do # another process may take the free port first
		port=$(free_port)
		configure "$dir" "$port"
		if as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
			echo "$port" >"$dir/port"
			wait_ready "$bin" "$port"
			return
		fi
	done
	fail "the PostgreSQL server did not start; see $dir/server.log"
}

# pg_ctl -w already waits; pg_isready, where it is installed, confirms that TCP connections work.
wait_ready() {
	local bin=$1 port=$2 tries=60
	[[ -x $bin/pg_isready ]] || return 0
	until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$DB_USER"; do
		((--tries > 0)) || fail "the PostgreSQL server on port $port does not accept connections"
		sleep 0.5
	done
}

url() {
	local dir=$1
	[[ -f $dir/port ]] || fail "no server was started in $dir"
	echo "postgresql+psycopg://$DB_USER@127.0.0.1:$(cat "$dir/port")/postgres"
}

stop() {
	local dir=$1
	if [[ -f $dir/data/postmaster.pid ]]; then
		as_server "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
			echo "postgres.sh: could not stop the server in $dir" >&2
	fi
	rm -rf "$dir"
}

run() {
	[[ $# -gt 0 ]] || fail "usage: postgres.sh run CMD ARGS..."
	if [[ -n ${OVERTURES_TEST_POSTGRES_URL:-} ]]; then
		echo "postgres.sh: using OVERTURES_TEST_POSTGRES_URL as set" >&2
		exec "$@"
	fi
	RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/overtures-postgres.XXXXXX")
	trap 'stop "$RUN_DIR"' EXIT
	trap 'exit 130' INT TERM
	start "$RUN_DIR"
	OVERTURES_TEST_POSTGRES_URL=$(url "$RUN_DIR")
	export OVERTURES_TEST_POSTGRES_URL
	echo "postgres.sh: PostgreSQL $("$(cat "$RUN_DIR/bin")/postgres" --version | awk '{print $3}')" \
		"for the tests at $OVERTURES_TEST_POSTGRES_URL" >&2
	"$@"
}

case "${1:-}" in
start | url | stop)
	[[ $# -eq 2 ]] || fail "usage: postgres.sh $1 DIR"
	"$1" "$2"
	;;
run)
	shift
	run "$@"
	;;
*) fail "usage: postgres.sh start DIR | url DIR | stop DIR | run CMD ARGS..." ;;
esac
