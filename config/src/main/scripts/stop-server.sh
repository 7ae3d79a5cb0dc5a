#!/usr/bin/env bash
# Stops the Payara Server domain or the WildFly of one installation folder if it is still running; does
# nothing otherwise. The it module runs it after the integration tests so that no test server outlives the
# build (for example after a crashed test JVM). Another server on the same ports is left alone.
#
# Usage: stop-server.sh --home=DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TERM="${TERM:-dumb}"

home=""
for arg in "$@"; do
    case "$arg" in
        --home=*) home="${arg#*=}" ;;
        *) die "stop-server.sh: unknown argument '$arg'" ;;
    esac
done
[[ -d "$home" ]] || exit 0
home="$(cd "$home" && pwd)"

if [[ -x "$home/bin/asadmin" ]]; then
    pid_file="$home/glassfish/domains/domain1/config/pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        warn "Payara Server in $home is still running: stopping it"
        "$home/bin/asadmin" stop-domain domain1 > /dev/null || "$home/bin/asadmin" stop-domain --kill=true domain1
    fi
elif [[ -x "$home/bin/jboss-cli.sh" ]]; then
    port_in_use 9990 || exit 0
    cli() { JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --connect --controller=localhost:9990 "$@" 2>/dev/null; }
    # Only the WildFly of this folder: the running server names its home directory.
    if cli --command='/core-service=server-environment:read-attribute(name=home-dir)' | grep -qF "\"$home\""; then
        warn "WildFly in $home is still running: stopping it"
        cli --command=':shutdown(timeout=60)' > /dev/null || true
    fi
fi
