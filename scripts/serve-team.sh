#!/usr/bin/env bash
# The dashboard for a team: N Streamlit replicas on loopback behind nginx (sticky sessions, WebSocket
# proxying), reading one store (PostgreSQL/PostGIS when the store is available, else the bundled files).
#
#   bash scripts/serve-team.sh start [--replicas N] [--port P] [--listen ADDR]
#   bash scripts/serve-team.sh status
#   bash scripts/serve-team.sh stop
#
# Everything it runs keeps its files in the state folder (EVENTMAP_STATE_DIR, default var/) under team/:
# nginx's configuration, pid, logs and temporary paths; each replica's pid, port and log; PostgreSQL's
# data directory. No system configuration is read or changed (nginx runs with -p/-c/-e on its own files).
# What is missing is installed first: Debian's nginx, postgresql and postgresql-15-postgis-3 with apt-get
# (through sudo when not root), the Python packages into .venv as the README's first command does.
#
# PostgreSQL (unless EVENTMAP_DATABASE_URL names a server): its own cluster in team/postgres, listening on
# 127.0.0.1 only, on a free port, no unix socket. Every connection needs a password (scram-sha-256): any
# account on the machine can reach a loopback port, so "trust" would let a student's account on a shared
# machine write to the team's store as anyone. The passwords are generated at the first start and kept in
# team/postgres/*.password, readable by the owner only; the replicas get theirs in their environment.
# The app connects as the role "eventmap", which owns the database but is not a superuser.
#
# nginx: one upstream of the replicas, `hash $cookie_eventmap_replica consistent` (open-source nginx has no
# `sticky`): the first answer sets the cookie from $request_id, and every later request and the WebSocket of
# that browser reach the same replica (a Streamlit session lives in one process). When a replica dies,
# `proxy_next_upstream` and `max_fails`/`fail_timeout` send its browsers to another one; their Streamlit
# client reconnects its WebSocket and reruns the page there. X-Forwarded-For is set to the client's address
# (replaced, never appended: a client cannot forge it); every answer says which replica served it
# (X-Eventmap-Replica). `start` again restarts a replica that died; `start` and `stop` are idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="serve-team.sh"
MAX_REPLICAS=16
COOKIE="eventmap_replica"
ADMIN="admin"  # the store's first person, made by the first start on an empty store
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
NGINX=""
WAIT_S="${EVENTMAP_SERVE_WAIT_S:-180}"

usage() {
  cat <<EOF
usage: $PROG start [--replicas N] [--port P] [--listen ADDR]
       $PROG status
       $PROG stop

  start      start PostgreSQL (unless EVENTMAP_DATABASE_URL names one), N replicas and nginx; wait until
             every replica answers, then print the address. Restarts what has died; already running: no-op.
  status     what is running, on which ports (exit 0 when everything runs, 3 otherwise)
  stop       stop nginx, the replicas and PostgreSQL (TERM, then KILL after 15 s)

  --replicas N   Streamlit processes on 127.0.0.1 (1 to $MAX_REPLICAS, default 3)
  --port P       nginx's port (default 8080)
  --listen ADDR  nginx's IPv4 address (default 127.0.0.1: this machine only; 0.0.0.0 for the team's network)

State folder: EVENTMAP_STATE_DIR, else var/ in the project.
EOF
}

die() { echo "$PROG: $*" >&2; exit 1; }
usage_error() { echo "$PROG: $*" >&2; echo "Run '$PROG --help' for the options." >&2; exit 2; }
say() { echo "$PROG: $*"; }

# ---- arguments -----------------------------------------------------------------------------------------------

COMMAND="${1:-}"
case "$COMMAND" in
  start|stop|status) shift ;;
  -h|--help|help) usage; exit 0 ;;
  "") usage_error "a command is needed: start, stop or status" ;;
  *) usage_error "unknown command '$COMMAND' (expected start, stop or status)" ;;
esac

REPLICAS=3
PORT=8080
LISTEN=127.0.0.1
while [ $# -gt 0 ]; do
  option="$1"
  case "$option" in
    --replicas|--port|--listen)
      [ "$COMMAND" = start ] || usage_error "$option is an option of 'start', not of '$COMMAND'"
      [ $# -ge 2 ] || usage_error "$option needs a value"
      value="$2"; shift 2 ;;
    --replicas=*|--port=*|--listen=*)
      [ "$COMMAND" = start ] || usage_error "${option%%=*} is an option of 'start', not of '$COMMAND'"
      value="${option#*=}"; option="${option%%=*}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$option'" ;;
  esac
  case "$option" in
    --replicas)
      [[ "$value" =~ ^[0-9]+$ ]] && [ "$((10#$value))" -ge 1 ] && [ "$((10#$value))" -le "$MAX_REPLICAS" ] \
        || usage_error "--replicas must be a whole number from 1 to $MAX_REPLICAS, got '$value'"
      REPLICAS="$((10#$value))" ;;
    --port)
      [[ "$value" =~ ^[0-9]+$ ]] && [ "${#value}" -le 5 ] && [ "$((10#$value))" -ge 1 ] \
        && [ "$((10#$value))" -le 65535 ] || usage_error "--port must be a port number from 1 to 65535, got '$value'"
      PORT="$((10#$value))" ;;
    --listen)
      [[ "$value" =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] \
        && [ "${BASH_REMATCH[1]}" -le 255 ] && [ "${BASH_REMATCH[2]}" -le 255 ] \
        && [ "${BASH_REMATCH[3]}" -le 255 ] && [ "${BASH_REMATCH[4]}" -le 255 ] \
        || usage_error "--listen must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, got '$value'"
      LISTEN="$value" ;;
  esac
done

# ---- the state folder ----------------------------------------------------------------------------------------

STATE="${EVENTMAP_STATE_DIR:-$ROOT/var}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
TEAM="$STATE/team"
RUN="$TEAM/replicas"
NGX="$TEAM/nginx"
PGDIR="$TEAM/postgres"
PY="$ROOT/.venv/bin/python"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

pid_of() { [ -s "$1" ] && tr -dc '0-9' <"$1"; }

# The process in pid file $1 runs and its command line holds $2 (a pid reused by another program does not count).
alive() {
  local pid
  pid="$(pid_of "$1" || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# TERM, wait up to 15 s, then KILL; removes the pid file.
stop_pid() {
  local file="$1" what="$2" pattern="$3" pid
  if alive "$file" "$pattern"; then
    pid="$(pid_of "$file")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$what (pid $pid) did not stop in 15 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    say "stopped $what (pid $pid)"
  fi
  rm -f "$file"
}

# ---- what to install -----------------------------------------------------------------------------------------

find_nginx() {
  NGINX="$(command -v nginx 2>/dev/null || true)"
  [ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; } || true
}

store_available() { [ -f "$ROOT/store/__main__.py" ]; }
own_postgres() { [ -z "${EVENTMAP_DATABASE_URL:-}" ] && store_available; }

install_missing() {
  local need=()
  find_nginx
  [ -n "$NGINX" ] || need+=(nginx)
  if own_postgres; then
    [ -x "$PG_BIN/initdb" ] || need+=(postgresql "postgresql-$PG_VERSION")
    [ -e "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ] || need+=("postgresql-$PG_VERSION-postgis-3")
  fi
  if [ ${#need[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${need[*]}, and this is not a Debian system (no apt-get): install them"
    say "installing ${need[*]} (apt-get${SUDO:+ through sudo})"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    find_nginx
    [ -n "$NGINX" ] || die "nginx is still missing after apt-get install nginx"
  fi
  if [ ! -x "$PY" ]; then
    say "creating .venv and installing requirements.txt into it"
    python3 -m venv "$ROOT/.venv"
  fi
  local modules="streamlit, folium"
  if own_postgres || [ -n "${EVENTMAP_DATABASE_URL:-}" ]; then modules+=", sqlalchemy, psycopg, geoalchemy2, alembic"; fi
  if ! "$PY" -c "import $modules" >/dev/null 2>&1; then
    say "installing requirements.txt into .venv"
    "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
  fi
}

# ---- PostgreSQL ----------------------------------------------------------------------------------------------

pg_user_run() {  # a PostgreSQL server program, as the user that owns the cluster
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_port() { tr -dc '0-9' <"$PGDIR/port"; }

psql_admin() {  # SQL as the cluster's superuser, over loopback with its password
  PGPASSWORD="$(cat "$PGDIR/postgres.password")" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$(pg_port)" -U postgres "$@"
}

new_password() { "$PY" -c "import secrets; print(secrets.token_urlsafe(24))"; }

free_ports() {  # $1 free loopback ports
  "$PY" - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

port_free() {  # port $1 (on address $2, default 127.0.0.1) can be listened on
  "$PY" -c "import socket,sys; socket.socket().bind((sys.argv[2], int(sys.argv[1])))" "$1" "${2:-127.0.0.1}" 2>/dev/null
}

start_postgres() {
  mkdir -p "$PGDIR"
  chmod 700 "$PGDIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PGDIR"
    runuser -u postgres -- test -w "$PGDIR" \
      || die "the user postgres cannot reach $PGDIR: make the folders above it searchable (chmod o+x), or set EVENTMAP_STATE_DIR"
  fi
  if [ ! -s "$PGDIR/data/PG_VERSION" ]; then
    say "creating a PostgreSQL cluster in $PGDIR/data (loopback only, password authentication)"
    (umask 077; new_password >"$PGDIR/postgres.password"; new_password >"$PGDIR/eventmap.password")
    free_ports 1 >"$PGDIR/port"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$PGDIR/postgres.password"
    pg_user_run "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$PGDIR/postgres.password" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 \
      || die "initdb failed: see $PGDIR/initdb.log"
    [ "$(id -u)" -ne 0 ] || chown root: "$PGDIR/postgres.password"
    chmod 600 "$PGDIR"/*.password
  fi
  if pg_user_run "$PG_BIN/pg_ctl" status -D "$PGDIR/data" >/dev/null 2>&1; then
    say "PostgreSQL already running on 127.0.0.1:$(pg_port)"
  else
    port_free "$(pg_port)" || free_ports 1 >"$PGDIR/port"  # its port was taken while it was stopped
    pg_user_run "$PG_BIN/pg_ctl" start -D "$PGDIR/data" -w -t 60 -l "$PGDIR/postgres.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$(pg_port) -c unix_socket_directories=''" >/dev/null \
      || die "PostgreSQL did not start: see $PGDIR/postgres.log"
    say "PostgreSQL started on 127.0.0.1:$(pg_port) (data: $PGDIR/data)"
  fi
  local app_password
  app_password="$(cat "$PGDIR/eventmap.password")"
  if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'eventmap'")" != 1 ]; then
    psql_admin -d postgres -v pw="$app_password" <<'EOF'
CREATE ROLE eventmap LOGIN PASSWORD :'pw';
CREATE DATABASE eventmap OWNER eventmap;
EOF
    psql_admin -d eventmap -c "CREATE EXTENSION IF NOT EXISTS postgis"
  fi
  DATABASE_URL="postgresql://eventmap:$app_password@127.0.0.1:$(pg_port)/eventmap"
}

prepare_store() {  # migrations; an empty store gets its first admin and the bundled events, published
  local log="$TEAM/store.log" version has_admin
  store_cli() { (cd "$ROOT" && EVENTMAP_DATABASE_URL="$DATABASE_URL" "$PY" -m store "$@") >>"$log" 2>&1; }
  : >"$log"
  store_cli migrate || { tail -n 5 "$log" >&2; die "python -m store migrate failed: see $log"; }
  read -r version has_admin < <(cd "$ROOT" && EVENTMAP_DATABASE_URL="$DATABASE_URL" "$PY" - "$ADMIN" 2>>"$log" <<'EOF'
import sys
from base.settings import Settings
from store.postgres import open_store
store = open_store(Settings.from_env().database_url)
try:
    print(store.published_version(), int(store.person(sys.argv[1]) is not None))
finally:
    store.close()
EOF
  ) || true
  [ -n "${version:-}" ] || die "the store cannot be read: see $log"
  if [ "$version" != 0 ]; then
    say "store ready: published version $version"
    return 0
  fi
  if [ "$has_admin" = 0 ]; then
    (umask 077; new_password >"$TEAM/admin.password")
    EVENTMAP_PASSWORD="$(cat "$TEAM/admin.password")" store_cli add-person "$ADMIN" --role admin \
      || { tail -n 3 "$log" >&2; die "the store has people but no '$ADMIN': seed it yourself (python -m store seed)"; }
    say "the store's first admin is '$ADMIN', password in $TEAM/admin.password (add people: python -m store add-person)"
  fi
  store_cli seed "$ROOT/events.csv" --as "$ADMIN" --reason "the bundled events, seeded by serve-team.sh" \
    || { tail -n 5 "$log" >&2; die "python -m store seed failed: see $log"; }
  say "store ready: $(tail -n 1 "$log")"
  store_cli import-control "$ROOT/control_changes.csv" --as "$ADMIN" \
    || { tail -n 5 "$log" >&2; die "python -m store import-control failed: see $log"; }
  say "$(tail -n 1 "$log")"
}

# ---- nginx ---------------------------------------------------------------------------------------------------

write_nginx_conf() {
  local ports=("$@") upstream="" p headers clear_user=""
  for p in "${ports[@]}"; do
    upstream+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'
  done
  if [ -n "${EVENTMAP_TRUSTED_USER_HEADER:-}" ]; then
    [[ "$EVENTMAP_TRUSTED_USER_HEADER" =~ ^[A-Za-z0-9-]+$ ]] \
      || die "EVENTMAP_TRUSTED_USER_HEADER must be a header name (letters, digits, '-'), got '$EVENTMAP_TRUSTED_USER_HEADER'"
    # No login is configured in this nginx: a client must never set the header that names the signed-in person.
    clear_user="proxy_set_header $EVENTMAP_TRUSTED_USER_HEADER \"\";"
  fi
  headers="proxy_http_version 1.1;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$http_host;
            $clear_user"
  local user_line=""
  if [ "$(id -u)" -eq 0 ]; then
    if id www-data >/dev/null 2>&1; then user_line="user www-data;"; else user_line="user nobody;"; fi
  fi
  mkdir -p "$NGX/logs" "$NGX/temp"
  cat >"$NGX/nginx.conf" <<EOF
# Written by scripts/serve-team.sh start (rewritten at every start of nginx): the team's proxy.
$user_line
worker_processes auto;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;

events {
    worker_connections 4096;
}

http {
    default_type application/octet-stream;
    server_tokens off;
    log_format replica '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                       'upstream=\$upstream_addr \$request_time s';
    access_log $NGX/logs/access.log replica;
    # Nothing is buffered to disk: uploads stream to the replica, large answers are passed as they come.
    client_body_temp_path $NGX/temp/client_body;
    proxy_temp_path $NGX/temp/proxy;
    fastcgi_temp_path $NGX/temp/fastcgi;
    uwsgi_temp_path $NGX/temp/uwsgi;
    scgi_temp_path $NGX/temp/scgi;
    proxy_request_buffering off;
    proxy_max_temp_file_size 0;
    client_max_body_size ${EVENTMAP_MAX_UPLOAD_MB:-200}m;

    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ""      close;
    }
    # Sticky sessions: the replica is chosen by the browser's cookie; the first answer sets it.
    map \$cookie_$COOKIE \$replica_key {
        ""      \$request_id;
        default \$cookie_$COOKIE;
    }
    map \$cookie_$COOKIE \$replica_cookie {
        ""      "$COOKIE=\$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }

    upstream eventmap_replicas {
        hash \$replica_key consistent;
$upstream    }

    server {
        listen $LISTEN:$PORT;
        server_name _;
        add_header Set-Cookie \$replica_cookie always;
        add_header X-Eventmap-Replica \$upstream_addr always;
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_timeout 15s;

        location / {
            proxy_pass http://eventmap_replicas;
            $headers
            proxy_set_header Connection "";
            proxy_read_timeout 300s;
        }

        # Streamlit's WebSocket: a session's whole life, so long timeouts.
        location = /_stcore/stream {
            proxy_pass http://eventmap_replicas;
            $headers
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_buffering off;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
        }
    }
}
EOF
}

nginx_cmd() { "$NGINX" -p "$NGX/" -e "$NGX/logs/error.log" -c "$NGX/nginx.conf" "$@"; }

# ---- replicas ------------------------------------------------------------------------------------------------

start_replica() {
  local i="$1" port="$2"
  # One cookie secret for every replica: the XSRF token (uploads) and a login cookie set by one replica
  # stay valid on another after a failover. In the environment, not on the command line (ps shows that).
  if [ ! -s "$TEAM/cookie.secret" ]; then (umask 077; new_password >"$TEAM/cookie.secret"); fi
  local env=(EVENTMAP_STATE_DIR="$STATE" STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
             STREAMLIT_SERVER_COOKIE_SECRET="$(cat "$TEAM/cookie.secret")")
  [ -z "${DATABASE_URL:-}" ] || env+=(EVENTMAP_DATABASE_URL="$DATABASE_URL")
  echo "$port" >"$RUN/$i.port"
  # Its own session (setsid): a closed terminal or a signal to this script's group does not reach it.
  (cd "$ROOT" && exec setsid env "${env[@]}" "$PY" -m streamlit run app.py --server.address 127.0.0.1 \
    --server.port "$port" --server.headless true --server.fileWatcherType none \
    --browser.gatherUsageStats false </dev/null >>"$RUN/$i.log" 2>&1) &
  echo $! >"$RUN/$i.pid"
}

wait_healthy() {  # every replica's /_stcore/health, then nginx's
  local deadline=$((SECONDS + WAIT_S)) i port pending
  while :; do
    pending=""
    for i in $(seq 1 "$REPLICAS"); do
      port="$(cat "$RUN/$i.port")"
      if ! alive "$RUN/$i.pid" streamlit; then
        tail -n 20 "$RUN/$i.log" >&2 || true
        die "replica $i (port $port) exited: see $RUN/$i.log"
      fi
      [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$port/_stcore/health" 2>/dev/null)" = ok ] || pending+=" $i"
    done
    [ -n "$pending" ] || break
    [ "$SECONDS" -lt "$deadline" ] || die "replica(s)$pending not healthy after $WAIT_S s: see $RUN/*.log"
    sleep 0.5
  done
  local host="$LISTEN"; [ "$host" != 0.0.0.0 ] || host=127.0.0.1
  for _ in $(seq 40); do
    [ "$(curl -fsS --max-time 2 "http://$host:$PORT/_stcore/health" 2>/dev/null)" = ok ] && return 0
    sleep 0.25
  done
  die "nginx does not answer on $host:$PORT: see $NGX/logs/error.log"
}

# ---- commands ------------------------------------------------------------------------------------------------

cmd_start() {
  mkdir -p "$RUN" "$NGX"
  if [ -s "$TEAM/serve.conf" ] && alive "$NGX/nginx.pid" nginx; then
    # shellcheck disable=SC1091
    local was_replicas was_port was_listen
    was_replicas="$(sed -n 's/^replicas=//p' "$TEAM/serve.conf")"
    was_port="$(sed -n 's/^port=//p' "$TEAM/serve.conf")"
    was_listen="$(sed -n 's/^listen=//p' "$TEAM/serve.conf")"
    if [ "$was_replicas:$was_port:$was_listen" != "$REPLICAS:$PORT:$LISTEN" ]; then
      die "already running with $was_replicas replica(s) on $was_listen:$was_port; run '$PROG stop' first to change that"
    fi
  fi
  install_missing
  if ! alive "$NGX/nginx.pid" nginx && ! port_free "$PORT" "$LISTEN"; then
    die "port $PORT on $LISTEN is taken by another program: choose another with --port"
  fi
  DATABASE_URL="${EVENTMAP_DATABASE_URL:-}"
  if own_postgres; then
    start_postgres
    prepare_store
  elif [ -n "$DATABASE_URL" ]; then
    say "using the store named by EVENTMAP_DATABASE_URL"
    store_available && prepare_store
  else
    say "no store module in this checkout: every replica reads the bundled files (file mode)"
  fi

  local i ports=() started=0 port
  for i in $(seq 1 "$REPLICAS"); do
    if alive "$RUN/$i.pid" streamlit; then
      ports+=("$(cat "$RUN/$i.port")")
      continue
    fi
    port=""
    [ -s "$RUN/$i.port" ] && port="$(cat "$RUN/$i.port")"
    if [ -z "$port" ] || ! port_free "$port"; then
      port="$(free_ports 1)"
    fi
    start_replica "$i" "$port"
    ports+=("$port")
    started=$((started + 1))
  done
  printf 'replicas=%s\nport=%s\nlisten=%s\n' "$REPLICAS" "$PORT" "$LISTEN" >"$TEAM/serve.conf"

  local conf_changed=1
  if [ -s "$NGX/nginx.conf" ]; then
    cp "$NGX/nginx.conf" "$NGX/nginx.conf.old"
    write_nginx_conf "${ports[@]}"
    cmp -s "$NGX/nginx.conf" "$NGX/nginx.conf.old" && conf_changed=0
    rm -f "$NGX/nginx.conf.old"
  else
    write_nginx_conf "${ports[@]}"
  fi
  nginx_cmd -t -q 2>"$NGX/logs/configtest.log" || { cat "$NGX/logs/configtest.log" >&2; die "nginx refused $NGX/nginx.conf"; }
  if alive "$NGX/nginx.pid" nginx; then
    if [ "$conf_changed" -eq 1 ]; then nginx_cmd -s reload; say "nginx reloaded (a replica moved to another port)"; fi
  else
    rm -f "$NGX/nginx.pid"
    nginx_cmd || die "nginx did not start: see $NGX/logs/error.log"
  fi
  [ "$started" -eq 0 ] || say "started $started replica(s); waiting until they answer"
  wait_healthy
  local host="$LISTEN"; [ "$host" != 0.0.0.0 ] || host="$(hostname)"
  say "ready: http://$host:$PORT/ ($REPLICAS replica(s) on 127.0.0.1:$(IFS=,; echo "${ports[*]}"); state in $TEAM)"
}

cmd_stop() {
  find_nginx
  local any=0 f
  if [ -s "$NGX/nginx.pid" ]; then
    any=1
    if alive "$NGX/nginx.pid" nginx; then stop_pid "$NGX/nginx.pid" nginx nginx; else rm -f "$NGX/nginx.pid"; fi
  fi
  for f in "$RUN"/*.pid; do
    [ -e "$f" ] || continue
    any=1
    stop_pid "$f" "replica $(basename "$f" .pid)" streamlit
  done
  if [ -s "$PGDIR/data/PG_VERSION" ] && pg_user_run "$PG_BIN/pg_ctl" status -D "$PGDIR/data" >/dev/null 2>&1; then
    any=1
    pg_user_run "$PG_BIN/pg_ctl" stop -D "$PGDIR/data" -m fast -w -t 60 >/dev/null || die "PostgreSQL did not stop"
    say "stopped PostgreSQL"
  fi
  rm -f "$TEAM/serve.conf"
  [ "$any" -eq 1 ] && say "stopped" || say "not running (nothing to stop in $TEAM)"
}

cmd_status() {
  local ok=0 f i port
  if [ ! -s "$TEAM/serve.conf" ]; then
    say "not running (state folder $TEAM)"
    exit 3
  fi
  REPLICAS="$(sed -n 's/^replicas=//p' "$TEAM/serve.conf")"
  PORT="$(sed -n 's/^port=//p' "$TEAM/serve.conf")"
  LISTEN="$(sed -n 's/^listen=//p' "$TEAM/serve.conf")"
  if alive "$NGX/nginx.pid" nginx; then
    echo "nginx        running  pid $(pid_of "$NGX/nginx.pid")  http://$LISTEN:$PORT/"
  else
    echo "nginx        STOPPED"; ok=3
  fi
  for i in $(seq 1 "$REPLICAS"); do
    f="$RUN/$i.pid"; port="$(cat "$RUN/$i.port" 2>/dev/null || echo '?')"
    if alive "$f" streamlit; then
      echo "replica $i    running  pid $(pid_of "$f")  127.0.0.1:$port"
    else
      echo "replica $i    DEAD     127.0.0.1:$port (run '$PROG start' to restart it; log: $RUN/$i.log)"; ok=3
    fi
  done
  if [ -s "$PGDIR/data/PG_VERSION" ]; then
    if pg_user_run "$PG_BIN/pg_ctl" status -D "$PGDIR/data" >/dev/null 2>&1; then
      echo "postgresql   running  127.0.0.1:$(pg_port)"
    else
      echo "postgresql   STOPPED"; ok=3
    fi
  elif [ -n "${EVENTMAP_DATABASE_URL:-}" ]; then
    echo "postgresql   external (EVENTMAP_DATABASE_URL)"
  else
    echo "store        files (the bundled events.csv)"
  fi
  exit "$ok"
}

case "$COMMAND" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
esac
