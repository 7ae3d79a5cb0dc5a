#!/usr/bin/env bash
# Configures an unpacked WildFly for Switchboard (standalone-full.xml, offline with jboss-cli's embedded
# server): XA default data source (H2 file or PostgreSQL), Jakarta Security and MicroProfile settings,
# system properties. Used by the run command (config module) and by the integration tests (it module)
# with different parameters.
#
# The commands live in config/src/main/wildfly/*.cli. They are applied to the pristine standalone-full.xml
# (kept as standalone-full.xml.switchboard-orig), so configuring again with other parameters starts from
# scratch. A marker file in the server folder remembers the parameters: unchanged parameters are a no-op.
#
# Usage: configure-wildfly.sh --home DIR --db-url URL [--db-user U] [--secret-key-file F | --secret-key K]
#            [--mode M] [--heap SIZE] [--driver-jar JAR] [--admin-password P] [--chat-minute D]
#            [--mail-ssl-trust T] [--telegram-base-url U] [--twilio-base-url U] [--property=switchboard.KEY=VALUE]…
#            (--jms-password-file F | --jms-password P) [--jms-user U] [--force]
# Secrets may instead come from the environment: SB_DB_PASSWORD, SB_SECRET_KEY, SB_ADMIN_PASSWORD, SB_JMS_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_configure_args "$(basename "$0")" "$@"
[[ "$broker_host" == 127.0.0.1 ]] \
    || warn "--broker-host is for Payara: WildFly's broker is reached through its HTTP port, on the address it binds (-b)"
[[ -x "$home/bin/jboss-cli.sh" ]] || die "--home must be an unpacked WildFly (bin/jboss-cli.sh not found in '$home')"

templates="$SB_CONFIG_DIR/wildfly"
fingerprint="$(sha256 "wildfly|$(cat "${BASH_SOURCE[0]}" "$SB_SCRIPTS_DIR/lib.sh" "$templates"/*.cli | sha256sum)|$db_url|$db_user|$(sha256 "$db_password")|$(sha256 "$secret_key")|$mode|$chat_minute|$mail_ssl_trust|$telegram_base_url|$twilio_base_url|$jms_user|$(sha256 "$jms_password")|$(properties_text | sha256sum)|$heap|$(basename "${driver_jar:-none}")")"
admin_hash="-"
[[ -n "$admin_password" ]] && admin_hash="$(sha256 "$admin_password")"
if ! $force && is_configured "$home" "$fingerprint" "$admin_hash"; then
    info "WildFly in $home is already configured"
    exit 0
fi

info "Configuring WildFly in $home (database: $db_kind)"
rm -f "$(marker_file "$home")"

# Back to the pristine files: configuration and start script settings as unpacked, no driver module.
for file in standalone/configuration/standalone-full.xml bin/standalone.conf \
        standalone/configuration/application-users.properties standalone/configuration/application-roles.properties; do
    if [[ -f "$home/$file.switchboard-orig" ]]; then
        cp "$home/$file.switchboard-orig" "$home/$file"
    else
        cp "$home/$file" "$home/$file.switchboard-orig"
    fi
done
rm -rf "$home/modules/org/postgresql"

# Heap of the server JVM when started by bin/standalone.sh (Arquillian sets its own JVM arguments).
sed -i "s/JBOSS_JAVA_SIZING=\"-Xms64m -Xmx512m\"/JBOSS_JAVA_SIZING=\"-Xms64m -Xmx$heap\"/" "$home/bin/standalone.conf"
grep -q -- "-Xmx$heap\"" "$home/bin/standalone.conf" || die "could not set the heap in $home/bin/standalone.conf"

# The broker's integration account (broker.cli gives its role its rights), in the realm that remote JMS clients sign in
# against, as bin/add-user.sh would write it.
printf '%s=%s\n' "$jms_user" "$(wildfly_password_hash "$jms_user" "$jms_password")" \
    >> "$home/standalone/configuration/application-users.properties"
printf '%s=switchboard-integration\n' "$jms_user" >> "$home/standalone/configuration/application-roles.properties"

# jboss-cli reads quoted values: backslashes and double quotes are escaped.
quote() { local v="${1//\\/\\\\}"; printf '%s' "${v//\"/\\\"}"; }
MODE="$(quote "$mode")" CHAT_MINUTE="$chat_minute" MAIL_SSL_TRUST="$mail_ssl_trust" TELEGRAM_BASE_URL="$telegram_base_url" TWILIO_BASE_URL="$twilio_base_url" SECRET_KEY="$(quote "$secret_key")" DRIVER_JAR="$(quote "$driver_jar")"
DB_URL="$(quote "$db_url")" DB_USER="$(quote "$db_user")" DB_PASSWORD="$(quote "$db_password")"
ADMIN_PASSWORD="$(quote "$admin_password")"

commands="$home/.switchboard-configure.cli"
trap 'rm -f "$commands"' EXIT
(umask 077
 render "$templates/configure.cli" > "$commands"
 render "$templates/broker.cli" >> "$commands"
 [[ -n "$admin_password" ]] && render "$templates/admin-password.cli" >> "$commands"
 [[ -n "$mail_ssl_trust" ]] && render "$templates/mail-ssl-trust.cli" >> "$commands"
 [[ -n "$telegram_base_url" ]] && render "$templates/telegram-base-url.cli" >> "$commands"
 [[ -n "$twilio_base_url" ]] && render "$templates/twilio-base-url.cli" >> "$commands"
 for key in "${properties[@]}"; do
     render_property "$templates/system-property.cli" "$key" "$(quote "${property_values[$key]}")" >> "$commands"
 done
 render "$templates/datasource-$db_kind.cli" >> "$commands"
 printf 'stop-embedded-server\n' >> "$commands")

# The CLI stops at the first failed command. Its output is shown only on failure, with the secrets masked.
if ! output="$(JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$commands" 2>&1)"; then
    for secret in "$secret_key" "$db_password" "$admin_password" "$jms_password"; do
        [[ -n "$secret" ]] && output="${output//"$secret"/***}"
    done
    printf '%s\n' "$output" | tail -n 40 | sed 's/^/    /' >&2
    die "configuring WildFly failed (see above)"
fi

write_marker "$home" "$fingerprint" "$admin_hash"
info "WildFly configured"
