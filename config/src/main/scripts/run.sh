#!/usr/bin/env bash
# Runs Switchboard in the foreground: configures the unpacked server (first time only), starts it, deploys
# the EAR, waits for readiness, prints how to log in and follows the server log until Ctrl-C, which stops
# the server. Called by `mvn -Prun package [-Dserver=wildfly]` (config module); see docs/servers.md.
#
# Usage: run.sh --server=payara|wildfly --server-home=DIR --ear=FILE --repo-root=DIR [--server-label=TEXT]
#               [--driver-jar=JAR] [--db-url=URL] [--db-user=USER] [--heap=SIZE] [--mail-ssl-trust=HOSTS]
#               [--property=switchboard.KEY=VALUE]...
# Environment: SB_DB_PASSWORD (database password), SB_ADMIN_PASSWORD (password of user 'admin' for the very
# first start; otherwise the application generates one into data/admin-password). Maven sets them from
# -Ddb.password and -Dswitchboard.admin.password.
# Every other -Dswitchboard.…=… of the Maven command (README, Configuration) becomes a system property of the
# server: this script reads them from Maven's command line (/proc/<Maven's pid>/cmdline), because Maven passes
# none of its -D values to a program it runs. Environment variables (SWITCHBOARD_MAIL_SSL_TRUST=…) reach the
# server too: it inherits this script's environment.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TERM="${TERM:-dumb}"

server="" server_label="" server_home="" ear="" repo_root="" driver_jar="" db_url="" db_user="" heap="1g"
properties=()
while (($#)); do
    case "$1" in
        --server=*) server="${1#*=}" ;;
        --server-home=*) server_home="${1#*=}" ;;
        --server-label=*) server_label="${1#*=}" ;;
        --ear=*) ear="${1#*=}" ;;
        --repo-root=*) repo_root="${1#*=}" ;;
        --driver-jar=*) driver_jar="${1#*=}" ;;
        --db-url=*) db_url="${1#*=}" ;;
        --db-user=*) db_user="${1#*=}" ;;
        --heap=*) heap="${1#*=}" ;;
        --mail-ssl-trust=*) properties+=("--property=switchboard.mail.ssl-trust=${1#*=}") ;;
        --property=switchboard.*) properties+=("$1") ;;
        *) die "run.sh: unknown argument '$1'" ;;
    esac
    shift
done
# Maven passes -Ddb.password / -Dswitchboard.admin.password as SB_MVN_* with an 'x' in front, which keeps
# empty values from being dropped. They win over SB_DB_PASSWORD / SB_ADMIN_PASSWORD from the environment,
# the way to pass values with a '$' (Maven turns '$$' in a -D value into '$').
for name in DB_PASSWORD ADMIN_PASSWORD; do
    mvn_name="SB_MVN_$name"
    if [[ -v "$mvn_name" ]]; then
        value="${!mvn_name}"
        [[ -n "${value#x}" ]] && export "SB_$name=${value#x}"
        unset "$mvn_name"
    fi
done
[[ -n "${SB_ADMIN_PASSWORD-}" ]] || unset SB_ADMIN_PASSWORD
[[ -n "${SB_DB_PASSWORD-}" ]] || unset SB_DB_PASSWORD

[[ "$server" == payara || "$server" == wildfly ]] || die "unknown server '$server': use -Dserver=payara (default) or -Dserver=wildfly"
[[ -d "$server_home" ]] || die "server folder $server_home not found"
[[ -f "$ear" ]] || die "$ear not found: build it first (mvn -Prun package builds it)"
server_home="$(cd "$server_home" && pwd)"
repo_root="$(cd "$repo_root" && pwd)"
ear="$(cd "$(dirname "$ear")" && pwd)/$(basename "$ear")"

# With a terminal, every child job gets its own process group (job control): Ctrl-C then reaches only the
# foreground job (the log follower, a wait), never Maven or the server, and this script stops the server
# cleanly before Maven ends.
[[ -t 0 ]] && set -m

# The -Dswitchboard.…=… of the Maven command (Maven runs this script directly: it is the parent process), after
# those given as arguments. The admin password comes from the pom already; a secret key goes by the environment.
maven_pid=$PPID
key_given=false
if switchboard_properties_of "$maven_pid" > /dev/null; then
    while IFS= read -r -d '' property; do
        case "${property%%=*}" in
            switchboard.admin.password) ;;
            switchboard.secret-key) export SB_SECRET_KEY="${property#*=}"; key_given=true ;;
            *) properties+=("--property=$property") ;;
        esac
    done < <(switchboard_properties_of "$maven_pid")
else
    warn "cannot read Maven's command line (/proc/$maven_pid/cmdline): -Dswitchboard.… values are not passed on;" \
        "set them as environment variables instead (SWITCHBOARD_MAIL_SSL_TRUST=… for switchboard.mail.ssl-trust)"
fi
for property in "${properties[@]}"; do
    property="${property#--property=}"
    info "Passing ${property%%=*} to the server"
done

data_dir="$repo_root/data"
key_file="$data_dir/secret-key"
ensure_secret_key "$key_file"
if [[ -z "$db_url" ]]; then
    mkdir -p "$data_dir/h2"
    db_url="jdbc:h2:file:$data_dir/h2/switchboard$SB_H2_OPTIONS"
fi
# The application's own files (the password it generates for 'admin' at the first start) go to data/ as well, unless
# -Dswitchboard.data-dir names another folder (it comes later and wins).
app_data_dir="$data_dir"
for property in "${properties[@]}"; do
    if [[ "$property" == --property=switchboard.data-dir=* ]]; then
        app_data_dir="${property#--property=switchboard.data-dir=}"
    fi
done
# The broker's account for integrations (docs/jms.md): its password is made at the first run and kept in data/.
jms_password_file="$data_dir/jms-password"
configure_args=(--home="$server_home" --db-url="$db_url" --db-user="$db_user" --mode=development --heap="$heap"
                --property=switchboard.data-dir="$data_dir" --jms-password-file="$jms_password_file"
                "${properties[@]}")
# A key given with -Dswitchboard.secret-key is in SB_SECRET_KEY; the key file would win over it.
$key_given || configure_args+=(--secret-key-file="$key_file")
[[ "$db_url" == jdbc:postgresql:* ]] && configure_args+=(--driver-jar="$driver_jar")

if port_in_use 8080; then
    die "port 8080 is in use: another server is running (Payara and WildFly cannot run at the same time)"
fi

# ---------------------------------------------------------------------------------------------------------
# Server specifics

payara_configure() { "$SB_SCRIPTS_DIR/configure-payara.sh" "${configure_args[@]}"; }
asadmin() { "$server_home/bin/asadmin" "$@"; }
payara_log="$server_home/glassfish/domains/domain1/logs/server.log"

payara_pid_file="$server_home/glassfish/domains/domain1/config/pid"

payara_start() {
    asadmin start-domain domain1 || return $?
    if asadmin list-applications --terse 2>/dev/null | grep -q '^switchboard\b'; then
        info "Removing the deployment left by an earlier run"
        asadmin undeploy switchboard > /dev/null || return $?
    fi
    info "Deploying $ear"
    asadmin deploy --name switchboard "$ear" || return $?
}
payara_alive() { [[ -f "$payara_pid_file" ]] && kill -0 "$(cat "$payara_pid_file")" 2>/dev/null; }
payara_stop() {
    if payara_alive; then
        asadmin undeploy switchboard > /dev/null 2>&1 || true
        asadmin stop-domain domain1 || asadmin stop-domain --kill=true domain1
    fi
}

wildfly_configure() { "$SB_SCRIPTS_DIR/configure-wildfly.sh" "${configure_args[@]}"; }
wildfly_log="$server_home/standalone/log/console.log"
wildfly_pid=""
wildfly_start() {
    local deployments="$server_home/standalone/deployments"
    rm -f "$deployments"/switchboard.ear*
    cp "$ear" "$deployments/switchboard.ear"   # the deployment scanner deploys it at boot
    mkdir -p "$(dirname "$wildfly_log")"
    : > "$wildfly_log"
    JBOSS_HOME="$server_home" "$server_home/bin/standalone.sh" -c standalone-full.xml > "$wildfly_log" 2>&1 &
    wildfly_pid=$!
}
wildfly_alive() {
    [[ -n "$wildfly_pid" ]] && kill -0 "$wildfly_pid" 2>/dev/null \
        && [[ ! -e "$server_home/standalone/deployments/switchboard.ear.failed" ]]
}
wildfly_stop() {
    [[ -n "$wildfly_pid" ]] && kill -0 "$wildfly_pid" 2>/dev/null || return 0
    JBOSS_HOME="$server_home" "$server_home/bin/jboss-cli.sh" --connect --command=:shutdown > /dev/null 2>&1 \
        || kill "$wildfly_pid" 2>/dev/null || true
    local end=$((SECONDS + 60))
    while kill -0 "$wildfly_pid" 2>/dev/null && ((SECONDS < end)); do sleep 1; done
    if kill -0 "$wildfly_pid" 2>/dev/null; then
        warn "WildFly did not stop in 60 s: killing it"
        pkill -KILL -P "$wildfly_pid" 2>/dev/null || true
        kill -KILL "$wildfly_pid" 2>/dev/null || true
    fi
    wait "$wildfly_pid" 2>/dev/null || true
    info "WildFly stopped" 2>/dev/null
}

label="${server_label:-$server}"
if [[ "$server" == payara ]]; then log="$payara_log"; else log="$wildfly_log"; fi

# ---------------------------------------------------------------------------------------------------------
# Run

# Maven (the parent) may end without passing a signal on (an IDE's stop button, kill): the server must stop
# then too. The watchdog signals this script; the log follower ends by itself (tail --pid).
watchdog=""
start_watchdog() {
    (while kill -0 "$maven_pid" 2>/dev/null; do sleep 2; done; kill -TERM $$ 2>/dev/null) &
    watchdog=$!
}

follower=""
started=false
stop_follower() {
    if [[ -n "$follower" ]]; then kill "$follower" 2>/dev/null || true; wait "$follower" 2>/dev/null || true; fi
    follower=""
}
shutdown_server() {
    # Finish stopping even when the terminal or Maven's output pipe is gone (writes then fail) or when
    # another signal arrives.
    set +e
    trap '' PIPE INT TERM HUP
    stop_follower
    if [[ -n "$watchdog" ]]; then kill "$watchdog" 2>/dev/null || true; wait "$watchdog" 2>/dev/null || true; fi
    watchdog=""
    if $started; then
        started=false
        info "Stopping $label" 2>/dev/null
        "${server}_stop" < /dev/null
    fi
}
interrupted() {
    { printf '\n'; info "Interrupted"; } 2>/dev/null || true
    exit 0   # Ctrl-C is the way to stop: not an error
}
trap 'shutdown_server' EXIT
trap 'interrupted' INT TERM HUP
start_watchdog

"${server}_configure"

mkdir -p "$(dirname "$log")"
log_start=$(stat -c %s "$log" 2>/dev/null || echo 0)
[[ "$server" == wildfly ]] && log_start=0
info "Starting $label (log: $log)"
started=true
# Show the server log while it starts and deploys.
(sleep 1; exec tail -F -c +$((log_start + 1)) "$log" 2>/dev/null) &
follower=$!

start_status=0
"${server}_start" || start_status=$?
if ((start_status != 0)); then
    stop_follower
    ((start_status == 130)) && interrupted
    printf '\n' >&2
    warn "last lines of $log:"
    tail -n 60 "$log" >&2 || true
    die "$label failed to start or to deploy switchboard.ear (see above and $log)"
fi

# Readiness: the data source, the broker and the deployment are all up. A foreground job, so Ctrl-C works here.
ready_path=/switchboard/api/v1/health/ready
ready_status=0
alive() { kill -0 "$maven_pid" 2>/dev/null && "${server}_alive"; }
( wait_for_ready 8080 "$ready_path" 300 alive ) || ready_status=$?
stop_follower
if ((ready_status != 0)); then
    printf '\n' >&2
    ((ready_status == 130)) && interrupted
    warn "last lines of $log:"
    tail -n 80 "$log" >&2 || true
    case "$ready_status" in
        1) die "switchboard did not become ready within 300 s (http://localhost:8080$ready_path)" ;;
        *) die "the deployment of switchboard.ear failed or $label stopped (see above and $log)" ;;
    esac
fi

# How to log in: a given password, or the one generated at the very first start, which the application writes to a
# file readable by its owner only (never to the log): where it is, not the password (this output may be kept too).
password_file="$app_data_dir/admin-password"
if [[ -s "$password_file" ]]; then
    password_line="password: generated at the first start, in $password_file (change it, then delete the file)"
elif [[ -n "${SB_ADMIN_PASSWORD-}" ]]; then
    password_line="password: the one given with -Dswitchboard.admin.password (used when the database had no user 'admin' yet)"
else
    password_line="password: the one set at the first start (or reset it under Designer → Users)"
fi

log_size=$(stat -c %s "$log" 2>/dev/null || echo 0)
cat <<EOF

================================================================================
  Switchboard is running on $label
    http://localhost:8080/switchboard/
  Log in as user: admin
    $password_line
  Data: $(if [[ "$db_url" == jdbc:h2:* ]]; then printf '%s' "$data_dir/h2"; else printf '%s' "$db_url"; fi)   Secret key: $($key_given && printf '%s' "the one given with -Dswitchboard.secret-key" || printf '%s' "$key_file")
  JMS: user switchboard, password in $jms_password_file (docs/jms.md, "Connecting an integration")
  Server log: $log
  Stop with Ctrl-C.
================================================================================

EOF

# Follow the log until Ctrl-C, Maven's end or the server's. The follower runs in the background; the foreground
# job watches Maven and the server every 2 s, and it alone receives Ctrl-C (130).
(exec tail -F --pid="$maven_pid" -c +$((log_size + 1)) "$log" 2>/dev/null) &
follower=$!
watch_status=0
( while kill -0 "$maven_pid" 2>/dev/null; do "${server}_alive" || exit 3; sleep 2; done ) || watch_status=$?
stop_follower
if ((watch_status == 3)); then
    started=false   # nothing left to stop
    printf '\n' >&2
    warn "last lines of $log:"
    tail -n 40 "$log" >&2 || true
    die "$label is no longer running: its process ended$([[ "$server" == wildfly ]] && printf ' or the deployment failed') (see above and $log)"
fi
((watch_status == 0)) || interrupted
printf '\n'
shutdown_server
