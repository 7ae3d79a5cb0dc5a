#!/usr/bin/env bash
# Walks the sign-in chain the application will use, against a running test Keycloak (start-keycloak.sh), without the
# application: realm switchboard's authorization endpoint with PKCE (S256) and kc_idp_hint=facebook, realm facebook's
# login form, fb-admin's credentials, back through the broker endpoint (a first broker login that asks nothing), and a
# 302 to Switchboard's callback with a code and the same state (not followed: the application need not run). Then the
# code is exchanged at the token endpoint, and the access token reads the stored "Facebook" token from
# GET /realms/switchboard/broker/facebook/token. Any other page or status on the way fails the check.
# By hand, not part of the build: needs curl and openssl.
#
# Usage: check-chain.sh [--port=N] [--client-secret=S] [--user-password=P]
#   defaults: it/pom.xml's test.keycloak.port, test.keycloak.client-secret, test.keycloak.user-password
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/../../../pom.xml"
pom_value() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$pom" | head -n 1; }
port="$(pom_value test.keycloak.port)"
client_secret="$(pom_value test.keycloak.client-secret)"
user_password="$(pom_value test.keycloak.user-password)"
for arg in "$@"; do
    case "$arg" in
        --port=*) port="${arg#*=}" ;;
        --client-secret=*) client_secret="${arg#*=}" ;;
        --user-password=*) user_password="${arg#*=}" ;;
        *) echo "check-chain.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

base="http://127.0.0.1:$port"
realm="$base/realms/switchboard"
callback="http://localhost:8080/switchboard/oauth/broker/callback"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

step() { printf '  %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# The payload of a JWT, as JSON text.
jwt_payload() {
    local part="${1#*.}"
    part="${part%%.*}"
    part="$(printf '%s' "$part" | tr -- '-_' '+/')"
    while (( ${#part} % 4 )); do part="$part="; done
    printf '%s' "$part" | base64 -d
}
json_string() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed 's/.*:"\(.*\)"/\1/'; }
# GET or POST with the cookie jar, never following redirects; prints "STATUS LOCATION" and keeps the body in $work/body.
request() {
    curl -sS -b "$jar" -c "$jar" -o "$work/body" -w '%{http_code} %{redirect_url}\n' "$@"
}

verifier="$(head -c 48 /dev/urandom | b64url)"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)"
state="$(head -c 12 /dev/urandom | b64url)"
started=$(date +%s%N)

echo "1. Authorization request to realm switchboard with kc_idp_hint=facebook"
read -r status location < <(request -G "$realm/protocol/openid-connect/auth" \
    --data-urlencode client_id=switchboard --data-urlencode "redirect_uri=$callback" \
    --data-urlencode response_type=code --data-urlencode scope=openid --data-urlencode "state=$state" \
    --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256 \
    --data-urlencode kc_idp_hint=facebook)
hops=0
while [[ "$status" == 30[23] ]]; do
    step "$status -> ${location%%\?*}"
    (( ++hops < 10 )) || fail "too many redirects"
    read -r status location < <(request "$location")
done
[[ "$status" == 200 ]] || fail "expected realm facebook's login page, got $status"
action="$(grep -o '<form[^>]*id="kc-form-login"[^>]*' "$work/body" | grep -o 'action="[^"]*"' | sed 's/action="//; s/"$//; s/&amp;/\&/g')"
[[ "$action" == "$base/realms/facebook/login-actions/authenticate?"*"client_id=keycloak-broker"* ]] \
    || fail "expected realm facebook's login form for client keycloak-broker, got '${action:-no login form}'"
step "200: realm facebook's login form (client keycloak-broker)"

echo "2. fb-admin signs in at realm facebook"
read -r status location < <(request "$action" --data-urlencode username=fb-admin \
    --data-urlencode "password=$user_password" --data-urlencode credentialId=)
hops=0
while [[ "$status" == 30[23] && "$location" != "$callback"* ]]; do
    step "$status -> ${location%%\?*}"
    (( ++hops < 10 )) || fail "too many redirects"
    read -r status location < <(request "$location")
done
if [[ "$status" != 30[23] ]]; then
    title="$(grep -o '<title>[^<]*' "$work/body" | sed 's/<title>//')"
    heading="$(grep -o 'id="kc-page-title"[^<]*' -A2 "$work/body" | tr -s ' \n' ' ' | cut -c1-120)"
    fail "expected a redirect to $callback, got $status (${title:-} ${heading:-}): the first broker login asked a question"
fi
step "$status -> $callback (not followed)"
query="${location#*\?}"
code="$(tr '&' '\n' <<< "$query" | sed -n 's/^code=//p')"
returned_state="$(tr '&' '\n' <<< "$query" | sed -n 's/^state=//p')"
[[ -n "$code" ]] || fail "no code in $location"
[[ "$returned_state" == "$state" ]] || fail "state '$returned_state' is not the one sent ('$state')"
step "code received, state unchanged"

echo "3. Code exchange at realm switchboard's token endpoint (client secret, code_verifier)"
read -r status _ < <(request "$realm/protocol/openid-connect/token" --data-urlencode grant_type=authorization_code \
    --data-urlencode "code=$code" --data-urlencode "redirect_uri=$callback" --data-urlencode client_id=switchboard \
    --data-urlencode "client_secret=$client_secret" --data-urlencode "code_verifier=$verifier")
[[ "$status" == 200 ]] || fail "token endpoint answered $status: $(cat "$work/body")"
access_token="$(json_string access_token < "$work/body")"
[[ -n "$access_token" ]] || fail "no access_token in the token response"
claims="$(jwt_payload "$access_token")"
step "200: access token for $(json_string preferred_username <<< "$claims"), issuer $(json_string iss <<< "$claims")"
step "its roles of client broker: $(grep -o '"broker":{"roles":\[[^]]*\]' <<< "$claims" | sed 's/.*://' || true)"

echo "4. The stored Facebook token, read with the access token"
read -r status _ < <(request "$realm/broker/facebook/token" -H "Authorization: Bearer $access_token")
[[ "$status" == 200 ]] || fail "GET $realm/broker/facebook/token answered $status: $(cut -c1-300 "$work/body")"
facebook_token="$(json_string access_token < "$work/body")"
[[ -n "$facebook_token" ]] || fail "no access_token in the broker's answer: $(cut -c1-300 "$work/body")"
facebook_claims="$(jwt_payload "$facebook_token")"
step "200: a token of issuer $(json_string iss <<< "$facebook_claims") for $(json_string preferred_username \
    <<< "$facebook_claims"), issued to $(json_string azp <<< "$facebook_claims")"
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
echo "OK: the chain works ($elapsed ms)"
