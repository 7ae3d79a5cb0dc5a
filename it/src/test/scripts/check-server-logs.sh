#!/usr/bin/env bash
# Fails the build when a test server's log shows a lost or broken database connection, or any secret the tests used,
# even if every test passed:
# - on Payara with H2's XA data source each refused XA end (or a lazily started JTS transaction that failed) lost a
#   pooled connection, and after about 30 of them in a run the pool was dry and every request waited 60 s;
# - issue 18: passwords, bot tokens, Auth Tokens, webhook secrets and API tokens are never logged. The tests write
#   each secret they hand to a server to SECRETS_FILE (UsedSecrets.java), one per line.
#   check-server-logs.sh clear NAME LOG_DIR [SECRETS_FILE]   before the tests: the log and the secrets start empty
#   check-server-logs.sh check NAME LOG_DIR [SECRETS_FILE]   after the tests
set -euo pipefail
action=$1
name=$2
dir=$3
secrets=${4:-}
# Payara: XA end refused, JTS start refused, connection not obtained.
# WildFly: IronJacamar closed a leaked connection, or none could be obtained.
patterns='Got exception during XAResource\.|could not start JTS transaction lazily|RAR5117|IJ000100|IJ000453'
shopt -s nullglob
logs=("$dir"/server.log*)
case "$action" in
    clear)
        rm -f "${logs[@]}"
        if [[ -n "$secrets" ]]; then
            rm -f "$secrets"
        fi
        ;;
    check)
        if (( ${#logs[@]} == 0 )); then
            echo "[switchboard-it] $name: no server log in $dir (the server did not run)"
            exit 0
        fi
        failed=0
        found=$(cat "${logs[@]}" | grep -c -E "$patterns" || true)
        if (( found > 0 )); then
            echo "[switchboard-it] $name: $found line(s) about lost or broken database connections in $dir" \
                "(the tests' own results are in target/failsafe-reports):" >&2
            cat "${logs[@]}" | grep -E "$patterns" | sed -E 's/^[[:space:]]+//' | cut -c1-200 | sort | uniq -c \
                | sort -rn | head -10 >&2
            failed=1
        else
            echo "[switchboard-it] $name: the server log shows no lost or broken database connection"
        fi
        if [[ -n "$secrets" && -s "$secrets" ]]; then
            count=$(sort -u "$secrets" | grep -c . || true)
            leaked=$(cat "${logs[@]}" | grep -c -F -f <(sort -u "$secrets" | grep .) || true)
            if (( leaked > 0 )); then
                echo "[switchboard-it] $name: $leaked log line(s) in $dir contain a secret the tests used" \
                    "(shown masked):" >&2
                while IFS= read -r secret; do
                    [[ -z "$secret" ]] && continue
                    hits=$(cat "${logs[@]}" | grep -c -F -- "$secret" || true)
                    if (( hits > 0 )); then
                        masked="${secret:0:3}***"
                        echo "  $hits line(s) with $masked:" >&2
                        cat "${logs[@]}" | grep -F -- "$secret" | head -3 | awk -v s="$secret" -v m="$masked" \
                            '{ while ((i = index($0, s)) > 0) { $0 = substr($0, 1, i - 1) m substr($0, i + length(s)) }
                               print "    " substr($0, 1, 200) }' >&2
                    fi
                done < <(sort -u "$secrets")
                failed=1
            else
                echo "[switchboard-it] $name: none of the $count secrets the tests used is in the server log"
            fi
        fi
        exit $failed
        ;;
    *)
        echo "usage: $0 clear|check NAME LOG_DIR [SECRETS_FILE]" >&2
        exit 2
        ;;
esac
