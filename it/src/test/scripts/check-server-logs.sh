#!/usr/bin/env bash
# Fails the build when a test server's log shows a lost or broken database connection, even if every test passed:
# on Payara with H2's XA data source each refused XA end (or a lazily started JTS transaction that failed) lost a
# pooled connection, and after about 30 of them in a run the pool was dry and every request waited 60 s.
#   check-server-logs.sh clear NAME LOG_DIR   before the tests: this run's log starts empty
#   check-server-logs.sh check NAME LOG_DIR   after the tests
set -euo pipefail
action=$1
name=$2
dir=$3
# Payara: XA end refused, JTS start refused, connection not obtained.
# WildFly: IronJacamar closed a leaked connection, or none could be obtained.
patterns='Got exception during XAResource\.|could not start JTS transaction lazily|RAR5117|IJ000100|IJ000453'
shopt -s nullglob
logs=("$dir"/server.log*)
case "$action" in
    clear)
        rm -f "${logs[@]}"
        ;;
    check)
        if (( ${#logs[@]} == 0 )); then
            echo "[switchboard-it] $name: no server log in $dir (the server did not run)"
            exit 0
        fi
        found=$(cat "${logs[@]}" | grep -c -E "$patterns" || true)
        if (( found > 0 )); then
            echo "[switchboard-it] $name: $found line(s) about lost or broken database connections in $dir" \
                "(the tests' own results are in target/failsafe-reports):" >&2
            cat "${logs[@]}" | grep -E "$patterns" | sed -E 's/^[[:space:]]+//' | cut -c1-200 | sort | uniq -c \
                | sort -rn | head -10 >&2
            exit 1
        fi
        echo "[switchboard-it] $name: the server log shows no lost or broken database connection"
        ;;
    *)
        echo "usage: $0 clear|check NAME LOG_DIR" >&2
        exit 2
        ;;
esac
