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
parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k --jms-password=0123456789abcdef \
    --mode=development \
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
    (parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k --jms-password=0123456789abcdef \
        "$@" 2>&1 >/dev/null) || true
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

# The broker's integration account (issue 18).
check "a JMS password is required" \
    "[switchboard] ERROR: a password for the JMS integration account is required (--jms-password-file, --jms-password or SB_JMS_PASSWORD)" \
    "$( (SB_JMS_PASSWORD= parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k 2>&1 \
        >/dev/null) || true)"
check "a short JMS password is refused" \
    "[switchboard] ERROR: the JMS integration account's password must be 16 to 200 letters, digits or . _ ~ + / = -" \
    "$(refused --jms-password=short)"
check "a JMS password with a quote is refused" \
    "[switchboard] ERROR: the JMS integration account's password must be 16 to 200 letters, digits or . _ ~ + / = -" \
    "$(refused '--jms-password=0123456789abcdef"')"
check "the JMS user may not be a broker's default account" \
    "[switchboard] ERROR: --jms-user must be 3 to 32 lower-case letters, digits, _ or -, and not admin or guest" \
    "$(refused --jms-user=guest)"
jms_file="$home/data/jms-password"
parse_configure_args test --home="$home" --db-url=jdbc:h2:mem:x --secret-key=k --jms-password-file="$jms_file" \
    > /dev/null
check "a missing JMS password file is made: 32 characters, owner only" "32 600 $jms_password" \
    "$(tr -d '\n' < "$jms_file" | wc -c) $(stat -c %a "$jms_file") $(cat "$jms_file")"
check "OpenMQ's hashes of its default accounts" "-2d5455c8583c24eec82c7a1e273ea02e -2c3c4a34aa2c392f39edd112333c230d" \
    "$(mq_password_hash admin admin) $(mq_password_hash guest guest)"
check "OpenMQ's hash of a positive digest: no sign, no leading zeros" "45a241286b67162c12fe7a98bc67b8" \
    "$(mq_password_hash user68 pw)"
check "WildFly's hash, as add-user.sh writes it" "17515537d7326522f2a0eab16ffdae14" \
    "$(wildfly_password_hash switchboard 'IntPw1!x')"

((failures == 0)) || { printf '%d check(s) failed\n' "$failures"; exit 1; }
printf 'all checks passed\n'
