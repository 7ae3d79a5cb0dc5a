#!/usr/bin/env bash
# Checks the run command's helpers without a server (config module, test phase; also by hand):
# which -Dswitchboard.… values of Maven's command line reach the server, and how the configure scripts take
# --property=switchboard.…=… values (the keys with an option of their own as that option, secrets refused).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../main/scripts/lib.sh"

failures=0
check() {   # name, expected, actual
    if [[ "$2" == "$3" ]]; then
        printf 'ok   %s\n' "$1"
    else
        printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
        failures=$((failures + 1))
    fi
}

# A process whose command line carries Maven-style arguments, as Maven's JVM would (the second command keeps bash
# from replacing itself with sleep).
bash -c 'sleep 30; exit 0' maven -Dswitchboard.mail.ssl-trust='mail.example.org smtp.example.org' -Dother=1 \
    -D switchboard.node-name=node-a -Dswitchboard.flag -q -Dswitchboard.mail.read-timeout-ms=5000 -Dswitchboard \
    2> /dev/null &
peer=$!
stop_peer() { pkill -P "$peer" 2>/dev/null || true; kill "$peer" 2>/dev/null || true; wait "$peer" 2>/dev/null || true; }
trap stop_peer EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do
    [[ "$(tr '\0' ' ' < "/proc/$peer/cmdline" 2>/dev/null)" == *switchboard.mail.read-timeout* ]] && break
    sleep 0.1
done
found="$(switchboard_properties_of "$peer" | tr '\0' '\n')"
check "-D values of switchboard.* in order, spaces kept, '-D key=value' and a bare -Dkey" \
    "switchboard.mail.ssl-trust=mail.example.org smtp.example.org
switchboard.node-name=node-a
switchboard.flag=true
switchboard.mail.read-timeout-ms=5000" "$found"
status=0; switchboard_properties_of 999999999 > /dev/null || status=$?
check "no such process: status 1" 1 "$status"

home="$(mktemp -d)"
trap 'stop_peer; rm -rf "$home"' EXIT
parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k --mode=development \
    --property=switchboard.mail.ssl-trust='*' --property=switchboard.mode=production \
    --property=switchboard.node-name=node-a --property=switchboard.mail.read-timeout-ms=5000 \
    --property=switchboard.node-name=node-b
check "a key with its own option is that option" "* production" "$mail_ssl_trust $mode"
check "other keys in order, the last value wins" "switchboard.node-name=node-b
switchboard.mail.read-timeout-ms=5000" "$(properties_text)"
check "a property's template line" 'create-system-properties switchboard.node-name=none
set "servers.server.server.system-property.switchboard.node-name.value=a&b @MODE@"' \
    "$(render_property "$SB_CONFIG_DIR/payara/system-property.asadmin" switchboard.node-name 'a&b @MODE@' \
        | grep -v '^#')"

refused() {   # the message of a refused argument
    (parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k "$1" 2>&1 >/dev/null) || true
}
check "a secret is refused" \
    "[switchboard] ERROR: test: switchboard.secret-key is a secret: give it with --secret-key/--admin-password or SB_SECRET_KEY/SB_ADMIN_PASSWORD" \
    "$(refused --property=switchboard.secret-key=x)"
check "a key outside switchboard.* is refused" \
    "[switchboard] ERROR: test: --property takes a key switchboard.…=value, not 'other.key'" \
    "$(refused --property=other.key=1)"
check "an expression is refused" \
    "[switchboard] ERROR: the value of switchboard.x must not contain '\${'" \
    "$(refused '--property=switchboard.x=${env.HOME}')"
check "a line break is refused" \
    "[switchboard] ERROR: test: the value of switchboard.x has a control character" \
    "$(refused $'--property=switchboard.x=a\nb')"
check "a checked option stays checked" \
    "[switchboard] ERROR: --mail-ssl-trust must be '*' or host names separated by spaces" \
    "$(refused '--property=switchboard.mail.ssl-trust=a;b')"

((failures == 0)) || { printf '%d check(s) failed\n' "$failures"; exit 1; }
printf 'all checks passed\n'
