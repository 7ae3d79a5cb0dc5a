#!/usr/bin/env bash
# Stops the Keycloak that start-keycloak.sh started from one folder, if it still runs (the pid in DIR/keycloak.pid);
# does nothing otherwise. it/pom.xml runs it after the integration tests, and start-keycloak.sh before each start, so
# that no test Keycloak outlives the build. A process that has taken the recorded pid since is left alone.
#
# Usage: stop-keycloak.sh --home=DIR
set -euo pipefail

home=""
for arg in "$@"; do
    case "$arg" in
        --home=*) home="${arg#*=}" ;;
        *) printf '[switchboard-it] Keycloak: ERROR: unknown argument %s\n' "$arg" >&2; exit 1 ;;
    esac
done
[[ -f "$home/keycloak.pid" ]] || exit 0
home="$(cd "$home" && pwd)"
pid="$(cat "$home/keycloak.pid")"
rm -f "$home/keycloak.pid"
# kc.sh, or the java it became: both name the folder on their command lines.
[[ "$pid" =~ ^[0-9]+$ ]] || exit 0
command_line="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
[[ "$command_line" == *"$home/bin"* ]] || exit 0
printf '[switchboard-it] Keycloak: stopping pid %s\n' "$pid"
# kc.sh passes TERM on to its java and waits for it.
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || exit 0
    sleep 0.1
done
printf '[switchboard-it] Keycloak: pid %s did not stop within 30 s: killing it\n' "$pid" >&2
for child in $(ps -o pid= --ppid "$pid"); do
    kill -KILL "$child" 2>/dev/null || true
done
kill -KILL "$pid" 2>/dev/null || true
