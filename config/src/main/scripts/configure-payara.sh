#!/usr/bin/env bash
# Configures an unpacked Payara Server 6 for Switchboard: XA default data source (H2 file or PostgreSQL),
# JVM options and the application's MicroProfile Config keys. Used by the run command (config module)
# and by the integration tests (it module) with different parameters.
#
# The commands live in config/src/main/payara/*.asadmin. They are applied to the pristine domain.xml
# (kept as domain.xml.switchboard-orig), so configuring again with other parameters starts from scratch.
# A marker file in the server folder remembers the parameters: unchanged parameters are a no-op.
#
# Usage: configure-payara.sh --home DIR --db-url URL [--db-user U] [--secret-key-file F | --secret-key K]
#            [--mode M] [--heap SIZE] [--driver-jar JAR] [--admin-password P] [--chat-minute D]
#            [--mail-ssl-trust T] [--telegram-base-url U] [--twilio-base-url U] [--property=switchboard.KEY=VALUE]…
#            (--jms-password-file F | --jms-password P) [--jms-user U] [--broker-host ADDRESS] [--force]
# Secrets may instead come from the environment: SB_DB_PASSWORD, SB_SECRET_KEY, SB_ADMIN_PASSWORD, SB_JMS_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TERM="${TERM:-dumb}"   # asadmin's console library complains when TERM is empty

parse_configure_args "$(basename "$0")" "$@"
[[ -x "$home/bin/asadmin" ]] || die "--home must be an unpacked Payara Server (bin/asadmin not found in '$home')"

asadmin="$home/bin/asadmin"
domain_dir="$home/glassfish/domains/$domain"
[[ -d "$domain_dir" ]] || die "no domain '$domain' in $home"
templates="$SB_CONFIG_DIR/payara"

fingerprint="$(sha256 "payara|$(cat "${BASH_SOURCE[0]}" "$SB_SCRIPTS_DIR/lib.sh" "$templates"/*.asadmin | sha256sum)|$domain|$db_url|$db_user|$(sha256 "$db_password")|$(sha256 "$secret_key")|$mode|$chat_minute|$mail_ssl_trust|$telegram_base_url|$twilio_base_url|$jms_user|$(sha256 "$jms_password")|$broker_host|$(properties_text | sha256sum)|$heap|$(basename "${driver_jar:-none}")")"
admin_hash="-"
[[ -n "$admin_password" ]] && admin_hash="$(sha256 "$admin_password")"
if ! $force && is_configured "$home" "$fingerprint" "$admin_hash"; then
    info "Payara Server in $home is already configured"
    exit 0
fi

if port_in_use 4848 || port_in_use 8080; then
    die "port 4848 or 8080 is in use: stop the server that holds it (only one server can run at a time) and run again"
fi

info "Configuring Payara Server in $home (database: $db_kind)"
rm -f "$(marker_file "$home")"

# Back to the pristine domain: domain.xml as unpacked, no driver jars of ours, no leftover application.
config_xml="$domain_dir/config/domain.xml"
if [[ -f "$config_xml.switchboard-orig" ]]; then
    cp "$config_xml.switchboard-orig" "$config_xml"
else
    cp "$config_xml" "$config_xml.switchboard-orig"
fi
rm -f "$domain_dir"/lib/switchboard-driver-*.jar
rm -rf "$domain_dir/applications/switchboard" "$domain_dir"/generated/*/switchboard
[[ "$db_kind" == postgresql ]] && cp "$driver_jar" "$domain_dir/lib/switchboard-driver-$(basename "$driver_jar")"

# asadmin multimode reads quoted operands: backslashes and double quotes are escaped.
quote() { local v="${1//\\/\\\\}"; printf '%s' "${v//\"/\\\"}"; }
HEAP="$heap" MODE="$(quote "$mode")" CHAT_MINUTE="$chat_minute" MAIL_SSL_TRUST="$mail_ssl_trust" TELEGRAM_BASE_URL="$telegram_base_url" TWILIO_BASE_URL="$twilio_base_url" SECRET_KEY="$(quote "$secret_key")"
DB_URL="$(quote "$db_url")" DB_USER="$(quote "$db_user")" DB_PASSWORD="$(quote "$db_password")"
ADMIN_PASSWORD="$(quote "$admin_password")"

# The broker's accounts and access rules (broker.asadmin points the broker at them). Each configuration gives the
# server's own 'admin' account a new random password; 'guest' has no entry, so the broker refuses it, and a client
# without credentials, which OpenMQ signs in as guest. Producing and consuming are denied to everybody but 'admin'
# (the server) and the integration account, and the integration account only: produce to the inbound queue, consume
# from the events and outbound topics. Both may have the broker create a destination that does not exist yet (OpenMQ
# creates the application's destinations on first use and removes them again once unused, and its rule for creating
# cannot name a destination); what the integration account creates beyond the three, it can neither use nor fill.
broker_dir="$domain_dir/config/switchboard-broker"
broker_password="$(random_password)"
(umask 077
 mkdir -p "$broker_dir"
 printf 'admin:%s:admin:1\n%s:%s:user:1\n' "$(mq_password_hash admin "$broker_password")" \
     "$jms_user" "$(mq_password_hash "$jms_user" "$jms_password")" > "$broker_dir/passwd"
 cat > "$broker_dir/accesscontrol.properties" <<RULES
version=JMQFileAccessControlModel/100
connection.NORMAL.allow.user=admin,$jms_user
connection.ADMIN.allow.user=admin
queue.*.produce.allow.user=admin
queue.*.consume.allow.user=admin
queue.*.browse.allow.user=admin
topic.*.produce.allow.user=admin
topic.*.consume.allow.user=admin
queue.switchboardInbound.produce.allow.user=admin,$jms_user
topic.switchboardEvents.consume.allow.user=admin,$jms_user
topic.switchboardOutbound.consume.allow.user=admin,$jms_user
queue.create.allow.user=admin,$jms_user
topic.create.allow.user=admin,$jms_user
RULES
)
BROKER_PASSWORD="$broker_password" BROKER_HOST="$broker_host" BROKER_DIR="$(quote "$broker_dir")"

commands="$home/.switchboard-configure.asadmin"
started=false
cleanup() {
    rm -f "$commands"
    if $started; then "$asadmin" stop-domain "$domain" > /dev/null 2>&1 || true; fi
}
trap cleanup EXIT

(umask 077
 render "$templates/configure.asadmin" > "$commands"
 render "$templates/broker.asadmin" >> "$commands"
 [[ -n "$admin_password" ]] && render "$templates/admin-password.asadmin" >> "$commands"
 [[ -n "$mail_ssl_trust" ]] && render "$templates/mail-ssl-trust.asadmin" >> "$commands"
 [[ -n "$telegram_base_url" ]] && render "$templates/telegram-base-url.asadmin" >> "$commands"
 [[ -n "$twilio_base_url" ]] && render "$templates/twilio-base-url.asadmin" >> "$commands"
 for key in "${properties[@]}"; do
     render_property "$templates/system-property.asadmin" "$key" "$(quote "${property_values[$key]}")" >> "$commands"
 done
 render "$templates/datasource-$db_kind.asadmin" >> "$commands")

"$asadmin" start-domain "$domain" > /dev/null || die "could not start domain $domain (see $domain_dir/logs/server.log)"
started=true
# multimode goes on after a failed command and exits 0: the output tells. 'set' echoes its values, so the
# output is shown only on failure, with the secrets masked.
output="$("$asadmin" multimode --file "$commands" 2>&1)" || true
if grep -qE '^Command .* failed\.|remote failure' <<< "$output"; then
    for secret in "$secret_key" "$db_password" "$admin_password" "$broker_password" "$jms_password"; do
        [[ -n "$secret" ]] && output="${output//"$secret"/***}"
    done
    printf '%s\n' "$output" | grep -v '^Command .* executed successfully\.$' | sed 's/^/    /' >&2
    die "configuring Payara Server failed (see above and $domain_dir/logs/server.log)"
fi
"$asadmin" stop-domain "$domain" > /dev/null || die "could not stop domain $domain"
started=false

write_marker "$home" "$fingerprint" "$admin_hash"
info "Payara Server configured"
