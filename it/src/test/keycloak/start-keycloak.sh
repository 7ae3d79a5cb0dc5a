#!/usr/bin/env bash
# Starts the integration tests' Keycloak, the organisation's OAuth2/OIDC identity broker in the tests: once per Maven
# run (it/pom.xml, pre-integration-test; stop-keycloak.sh stops it in post-integration-test), in the background, on
# 127.0.0.1 only, in dev mode with its H2 database in its folder under the build directory. Waits until realm
# 'switchboard' answers and prints how long that took.
#
# Each start begins with an empty database and imports the realms of this folder (*-realm.json), with @KEYCLOAK_...@
# replaced by the values given here: the realms are always the files as they are, and the first sign-in through the
# identity provider 'facebook' is a first broker login in every run (a kept database would have the user already).
#   facebook-realm.json     stands in for Facebook's login: client keycloak-broker, user fb-admin
#   switchboard-realm.json  the broker: identity provider 'facebook' (storeToken), confidential client switchboard
#
# Usage: start-keycloak.sh --home=DIR --port=N --log=FILE --admin-password=P --client-secret=S --user-password=P
#                          [--servers-skipped=BOOL,BOOL] [--timeout=SECONDS]
#   --servers-skipped  the skip flags of the servers whose tests use Keycloak: nothing is started when all are true
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Fixed test value, only between the two realms: the secret of realm facebook's client keycloak-broker.
broker_secret="Facebook-Broker-Secret-Test-1"

say() { printf '[switchboard-it] Keycloak: %s\n' "$*"; }
die() { printf '[switchboard-it] Keycloak: ERROR: %s\n' "$*" >&2; exit 1; }

home="" port="" log="" admin_password="" client_secret="" user_password="" servers_skipped="" timeout=180
for arg in "$@"; do
    case "$arg" in
        --home=*) home="${arg#*=}" ;;
        --port=*) port="${arg#*=}" ;;
        --log=*) log="${arg#*=}" ;;
        --admin-password=*) admin_password="${arg#*=}" ;;
        --client-secret=*) client_secret="${arg#*=}" ;;
        --user-password=*) user_password="${arg#*=}" ;;
        --servers-skipped=*) servers_skipped="${arg#*=}" ;;
        --timeout=*) timeout="${arg#*=}" ;;
        *) die "unknown argument '$arg'" ;;
    esac
done
if [[ -n "$servers_skipped" && ! ",$servers_skipped," =~ ,false, ]]; then
    say "not started: the tests of every server that uses it are skipped"
    exit 0
fi
for required in home port log admin_password client_secret user_password; do
    [[ -n "${!required}" ]] || die "--${required//_/-} is required"
done
[[ -x "$home/bin/kc.sh" ]] || die "no Keycloak in $home (bin/kc.sh is missing)"
home="$(cd "$home" && pwd)"
mkdir -p "$(dirname "$log")"
log="$(cd "$(dirname "$log")" && pwd)/$(basename "$log")"

# Prints the HTTP status of a GET of http://127.0.0.1:$port$1 (000 when nothing answers): bash only, no curl.
http_status() {
    local line
    line="$(timeout 10 bash -c '
        exec 3<>/dev/tcp/127.0.0.1/'"$port"' || exit 1
        printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" "$2" >&3
        IFS= read -r status <&3
        printf "%s" "$status"' _ "$1" "$port" 2>/dev/null)" || true
    if [[ "$line" =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    else
        printf '000\n'
    fi
}

# A Keycloak of this folder left running by an interrupted build is stopped; anything else on the port is an error.
bash "$here/stop-keycloak.sh" --home="$home"
if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    die "port $port on 127.0.0.1 is in use by another program (it/pom.xml's test.keycloak.port)"
fi

rm -rf "$home/data"
mkdir -p "$home/data/import"
for realm in "$here"/*-realm.json; do
    content="$(< "$realm")"
    content="${content//@KEYCLOAK_PORT@/$port}"
    content="${content//@KEYCLOAK_BROKER_SECRET@/$broker_secret}"
    content="${content//@KEYCLOAK_CLIENT_SECRET@/$client_secret}"
    content="${content//@KEYCLOAK_USER_PASSWORD@/$user_password}"
    [[ "$content" != *@KEYCLOAK_* ]] || die "$realm has a placeholder this script does not know"
    printf '%s\n' "$content" > "$home/data/import/$(basename "$realm")"
done

started=$(date +%s%N)
# The fixed --hostname makes every URL and token issuer http://127.0.0.1:PORT, whichever host name a client used.
# The heap is Keycloak's own default outside containers, stated here because CI has 2 cores and the test servers run
# beside it. Only the JIT's first tier: the tests ask little of Keycloak, and its start took a third less CPU time
# (19-23 s instead of 35-37 s, fresh database, 2 cores).
(
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password"
    export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" JAVA_OPTS_APPEND="-XX:TieredStopAtLevel=1"
    cd "$home"
    exec "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" \
        --hostname="http://127.0.0.1:$port" --import-realm
) > "$log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$home/keycloak.pid"
say "starting $(cat "$home/version.txt" 2>/dev/null || echo "in $home") on http://127.0.0.1:$port (pid $pid, log $log)"

ready="/realms/switchboard/.well-known/openid-configuration"
deadline=$((SECONDS + timeout))
until [[ "$(http_status "$ready")" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        tail -n 40 "$log" >&2
        die "exited before it was ready (the log's last lines are above; all of it is in $log)"
    fi
    if ((SECONDS >= deadline)); then
        tail -n 40 "$log" >&2
        bash "$here/stop-keycloak.sh" --home="$home"
        die "not ready within $timeout s (the log's last lines are above; all of it is in $log)"
    fi
    sleep 0.5
done
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
say "ready in $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000))) s: realm switchboard at http://127.0.0.1:$port/realms/switchboard"
