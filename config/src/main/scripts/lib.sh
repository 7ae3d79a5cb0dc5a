# Shared helpers of the Switchboard server scripts (sourced, not executed).
# Only bash and coreutils are required: HTTP checks use bash's /dev/tcp, not curl.

SB_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SB_CONFIG_DIR="$(cd "$SB_SCRIPTS_DIR/.." && pwd)"   # config/src/main

# The options of the embedded H2 database's URL: the run command's default database (run.sh) and the test servers'
# (it/pom.xml's test.h2.options adds AUTO_SERVER=TRUE). WRITE_DELAY=0 makes a commit write H2's store to the file
# before it returns: H2's default (500 ms) kept the last half second of commits in memory, and a killed server
# process (kill -9, the OOM killer, a JVM crash) lost them after the application had shown them and published their
# events. It does not fsync: a power failure or an OS crash can still lose the last commits (docs/servers.md,
# "Durability of the embedded database"). EmbeddedDatabaseDurabilityTest (persistence) reads this line.
SB_H2_OPTIONS=';MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;QUERY_CACHE_SIZE=128;WRITE_DELAY=0'

info() { printf '[switchboard] %s\n' "$*"; }
warn() { printf '[switchboard] WARNING: %s\n' "$*" >&2; }
die() { printf '[switchboard] ERROR: %s\n' "$*" >&2; exit 1; }

# The absolute form of a path whose parent may not exist yet.
abspath() {
    local dir base
    dir="$(dirname "$1")"; base="$(basename "$1")"
    mkdir -p "$dir"
    printf '%s/%s\n' "$(cd "$dir" && pwd)" "$base"
}

# True when something accepts TCP connections on localhost:$1.
port_in_use() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Prints the HTTP status code of a GET of http://localhost:$1$2 (000 when nothing answers).
http_status() {
    local port="$1" path="$2" line
    line="$(timeout 10 bash -c '
        exec 3<>/dev/tcp/127.0.0.1/'"$port"' || exit 1
        printf "GET %s HTTP/1.0\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n" "$1" "$2" >&3
        IFS= read -r status <&3
        printf "%s" "$status"' _ "$path" "$port" 2>/dev/null)" || true
    if [[ "$line" =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    else
        printf '000\n'
    fi
}

# Creates the secret key file (32 random bytes, base64, mode 600) unless it exists.
ensure_secret_key() {
    local file="$1"
    if [[ ! -s "$file" ]]; then
        mkdir -p "$(dirname "$file")"
        (umask 077 && head -c 32 /dev/urandom | base64 -w0 > "$file")
        info "Generated a new secret key in $file"
    fi
    chmod 600 "$file"
}

# Creates the JMS integration account's password file (32 random characters of base64url, mode 600) unless it
# exists: the password an integration connects to the broker with (docs/jms.md, "Connecting an integration").
ensure_jms_password() {
    local file="$1"
    if [[ ! -s "$file" ]]; then
        mkdir -p "$(dirname "$file")"
        (umask 077 && head -c 24 /dev/urandom | base64 -w0 | tr '+/' '-_' > "$file")
        info "Generated the JMS integration account's password in $file"
    fi
    chmod 600 "$file"
}

# A random password for a server's own account on its broker (Payara's OpenMQ 'admin'), 32 base64url characters:
# nobody outside the server needs it, so it is made anew at each configuration.
random_password() { head -c 24 /dev/urandom | base64 -w0 | tr '+/' '-_'; }

# OpenMQ's hash of a password in its passwd file: the MD5 of "user:password" written as Java's
# BigInteger(digest).toString(16) does, signed and without leading zeros (the broker's own default entries,
# admin/admin and guest/guest, read so).
mq_password_hash() {
    local hex digits=0123456789abcdef i d carry=1 out="" negative=false
    hex="$(printf '%s:%s' "$1" "$2" | md5sum | cut -d' ' -f1)"
    if [[ "${hex:0:1}" == [89abcdef] ]]; then
        negative=true   # two's complement: invert every digit, then add one
        for ((i = 31; i >= 0; i--)); do
            d=$((15 - 16#${hex:i:1} + carry))
            carry=$((d >> 4)) d=$((d & 15))
            out="${digits:d:1}$out"
        done
        hex="$out"
    fi
    hex="${hex#"${hex%%[!0]*}"}"
    if $negative; then printf -- '-%s\n' "${hex:-0}"; else printf '%s\n' "${hex:-0}"; fi
}

# WildFly's hash of a password in application-users.properties: the MD5 of "user:ApplicationRealm:password" in hex
# (what bin/add-user.sh writes).
wildfly_password_hash() { printf '%s:ApplicationRealm:%s' "$1" "$2" | md5sum | cut -d' ' -f1; }

# Reads a base64 secret key from a file and checks that it decodes to 32 bytes.
read_secret_key() {
    local key
    key="$(tr -d ' \r\n' < "$1")"
    [[ "$(printf '%s' "$key" | base64 -d 2>/dev/null | wc -c)" == 32 ]] \
        || die "$1 does not hold a base64 encoded 32 byte key"
    printf '%s' "$key"
}

# Both servers resolve ${...} expressions in configuration values: such values are refused.
check_no_expression() {
    [[ "$2" != *'${'* ]] || die "the $1 must not contain '\${'"
}

sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# Renders a template: every @NAME@ is replaced by the value of the shell variable NAME.
# Values are inserted literally; callers escape them for the target syntax beforehand.
render() {
    local text name
    text="$(cat "$1")"
    while [[ "$text" =~ @([A-Z_]+)@ ]]; do
        name="${BASH_REMATCH[1]}"
        [[ -v "$name" ]] || die "template $1 uses @$name@, which is not set"
        text="${text//"@$name@"/"${!name}"}"   # quoted: no '&' or backslash processing
    done
    printf '%s\n' "$text"
}

# Renders the template $1 of one more system property: @PROPERTY_NAME@ becomes $2 and @PROPERTY_VALUE@ $3 (escaped
# by the caller for the target syntax), literally and once: a value is not scanned for @NAME@ again.
render_property() {
    local text
    text="$(cat "$1")"
    text="${text//"@PROPERTY_NAME@"/"$2"}"
    text="${text//"@PROPERTY_VALUE@"/"$3"}"   # quoted: no '&' or backslash processing
    printf '%s\n' "$text"
}

# The configuration marker: line 1 is a hash of every parameter except the admin password,
# line 2 the hash of the admin password ('-' when none was configured).
marker_file() { printf '%s/.switchboard-configured\n' "$1"; }

# True when the server in $1 is configured with the fingerprint $2 and, when given, admin password hash $3.
is_configured() {
    local marker base admin
    marker="$(marker_file "$1")"
    [[ -f "$marker" ]] || return 1
    { read -r base; read -r admin; } < "$marker"
    [[ "$base" == "$2" ]] || return 1
    [[ "$3" == "-" || "$admin" == "$3" ]]
}

write_marker() {
    printf '%s\n%s\n' "$2" "$3" > "$(marker_file "$1")"
}

# Waits until http://localhost:$1$2 answers 200. $3 = deadline in seconds; $4 = a command that
# returns non-zero when waiting is pointless (the server died, the deployment failed).
wait_for_ready() {
    local port="$1" path="$2" seconds="$3" alive="$4" end status
    end=$((SECONDS + seconds))
    while ((SECONDS < end)); do
        status="$(http_status "$port" "$path")"
        [[ "$status" == 200 ]] && return 0
        $alive || return 2
        sleep 2
    done
    return 1
}

# Prints each -Dswitchboard.…=… of the command line of process $1 as "key=value", NUL-terminated: also the
# "-D key=value" form, and "-Dkey" alone as "key=true", as Maven reads them. Linux: reads /proc/$1/cmdline, where
# the arguments are kept as given (spaces and all). Returns 1 when that cannot be read.
switchboard_properties_of() {
    local file="/proc/$1/cmdline" arg split=false
    [[ -r "$file" ]] || return 1
    while IFS= read -r -d '' arg; do
        if $split; then
            split=false
        elif [[ "$arg" == -D ]]; then
            split=true
            continue
        elif [[ "$arg" == -D?* ]]; then
            arg="${arg#-D}"
        else
            continue
        fi
        [[ "$arg" == switchboard.* ]] || continue
        [[ "$arg" == *=* ]] || arg="$arg=true"
        printf '%s\0' "$arg"
    done < "$file"
}

# The other switchboard.* keys parsed by parse_configure_args, one "key=value" a line (for the fingerprint).
properties_text() {
    local key
    for key in "${properties[@]}"; do
        printf '%s=%s\n' "$key" "${property_values[$key]}"
    done
}

# Parses and checks the arguments both configure scripts take; sets home, domain, db_url, db_user, db_password,
# secret_key, mode, heap, driver_jar, admin_password, chat_minute, mail_ssl_trust, telegram_base_url,
# twilio_base_url, jms_user, jms_password, broker_host, properties (the other switchboard.* keys, each "key=value"), force and db_kind (h2 or
# postgresql).
# $1 is the calling script's name (for messages); secrets may come from SB_DB_PASSWORD, SB_SECRET_KEY,
# SB_ADMIN_PASSWORD, SB_JMS_PASSWORD instead of the command line.
parse_configure_args() {
    local script="$1" secret_key_file="" jms_password_file="" key value
    shift
    home="" domain="domain1" db_url="" db_user="" db_password="${SB_DB_PASSWORD-}" secret_key="${SB_SECRET_KEY-}"
    mode="development" heap="1g" driver_jar="" admin_password="${SB_ADMIN_PASSWORD-}" force=false
    chat_minute="PT1M" mail_ssl_trust="" telegram_base_url="" twilio_base_url=""
    jms_user="switchboard" jms_password="${SB_JMS_PASSWORD-}" broker_host="127.0.0.1"
    declare -g -A property_values=()
    properties=()
    while (($#)); do
        case "$1" in
            # Any MicroProfile Config key of Switchboard (README, Configuration), as a system property of the
            # server. The keys with an option of their own are checked as that option; the secrets have theirs.
            --property=*)
                key="${1#--property=}" value=""
                [[ "$key" == *=* ]] && { value="${key#*=}"; key="${key%%=*}"; }
                case "$key" in
                    switchboard.mode) mode="$value" ;;
                    switchboard.chat.minute) chat_minute="$value" ;;
                    switchboard.mail.ssl-trust) mail_ssl_trust="$value" ;;
                    switchboard.telegram.base-url) telegram_base_url="$value" ;;
                    switchboard.twilio.base-url) twilio_base_url="$value" ;;
                    switchboard.secret-key|switchboard.admin.password)
                        die "$script: $key is a secret: give it with --secret-key/--admin-password or SB_SECRET_KEY/SB_ADMIN_PASSWORD" ;;
                    *)
                        [[ "$key" =~ ^switchboard\.[A-Za-z0-9][A-Za-z0-9._-]*$ ]] \
                            || die "$script: --property takes a key switchboard.…=value, not '$key'"
                        [[ "$value" != *[[:cntrl:]]* ]] || die "$script: the value of $key has a control character"
                        check_no_expression "value of $key" "$value"
                        [[ -v "property_values[$key]" ]] || properties+=("$key")
                        property_values["$key"]="$value" ;;
                esac ;;
            --home=*) home="${1#*=}" ;;
            --domain=*) domain="${1#*=}" ;;
            --db-url=*) db_url="${1#*=}" ;;
            --db-user=*) db_user="${1#*=}" ;;
            --db-password=*) db_password="${1#*=}" ;;
            --secret-key=*) secret_key="${1#*=}" ;;
            --secret-key-file=*) secret_key_file="${1#*=}" ;;
            --mode=*) mode="${1#*=}" ;;
            --heap=*) heap="${1#*=}" ;;
            --driver-jar=*) driver_jar="${1#*=}" ;;
            --admin-password=*) admin_password="${1#*=}" ;;
            --jms-user=*) jms_user="${1#*=}" ;;
            --jms-password=*) jms_password="${1#*=}" ;;
            --jms-password-file=*) jms_password_file="${1#*=}" ;;
            --broker-host=*) broker_host="${1#*=}" ;;
            --chat-minute=*) chat_minute="${1#*=}" ;;
            --mail-ssl-trust=*) mail_ssl_trust="${1#*=}" ;;
            --telegram-base-url=*) telegram_base_url="${1#*=}" ;;
            --twilio-base-url=*) twilio_base_url="${1#*=}" ;;
            --force) force=true ;;
            *) die "$script: unknown argument '$1'" ;;
        esac
        shift
    done
    [[ -n "$home" && -d "$home" ]] || die "$script: --home must name the unpacked server ('$home' is not a folder)"
    home="$(cd "$home" && pwd)"
    [[ -n "$db_url" ]] || die "--db-url is required"
    # The length of a "minute" of the chat timeouts (CH-04, CH-05): a real minute, shorter only for tests.
    [[ "$chat_minute" =~ ^PT[0-9]+[SM]$ ]] || die "--chat-minute must be a duration such as PT1M or PT1S"
    # Mail servers whose certificates are trusted beyond the JDK's: host names separated by spaces, or "*".
    [[ -z "$mail_ssl_trust" || "$mail_ssl_trust" =~ ^(\*|[A-Za-z0-9.-]+( [A-Za-z0-9.-]+)*)$ ]] \
        || die "--mail-ssl-trust must be '*' or host names separated by spaces"
    # Where the Telegram Bot API and Twilio's API are (a self-hosted Bot API server, a proxy, the tests' fake):
    # the providers' own hosts unless set.
    local url
    for url in "$telegram_base_url" "$twilio_base_url"; do
        [[ -z "$url" || "$url" =~ ^https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/-]*)?$ ]] \
            || die "--telegram-base-url and --twilio-base-url must be http(s) URLs, not '$url'"
    done
    [[ -n "$secret_key_file" ]] && secret_key="$(read_secret_key "$secret_key_file")"
    [[ -n "$secret_key" ]] || die "a secret key is required (--secret-key-file, --secret-key or SB_SECRET_KEY)"
    # The broker's account for integrations (issue 18): producers on the inbound queue and consumers of the topics
    # sign in with it, nobody else. A password file that does not exist yet is created with a random password.
    if [[ -n "$jms_password_file" ]]; then
        ensure_jms_password "$jms_password_file"
        jms_password="$(tr -d '\r\n' < "$jms_password_file")"
    fi
    [[ -n "$jms_password" ]] \
        || die "a password for the JMS integration account is required (--jms-password-file, --jms-password or SB_JMS_PASSWORD)"
    [[ "$jms_password" =~ ^[A-Za-z0-9._~+/=-]{16,200}$ ]] \
        || die "the JMS integration account's password must be 16 to 200 letters, digits or . _ ~ + / = -"
    [[ "$jms_user" =~ ^[a-z][a-z0-9_-]{2,31}$ && "$jms_user" != admin && "$jms_user" != guest ]] \
        || die "--jms-user must be 3 to 32 lower-case letters, digits, _ or -, and not admin or guest"
    # Where Payara's broker listens: loopback unless the administrator opens it to other hosts (WildFly's broker is
    # reached through its HTTP port, on the address the server binds).
    [[ "$broker_host" =~ ^[A-Za-z0-9.:-]+$ ]] || die "--broker-host must be an address or host name"
    local name
    for name in db_url db_user db_password secret_key mode admin_password; do
        check_no_expression "${name//_/ }" "${!name}"
    done
    case "$db_url" in
        jdbc:h2:*) db_kind=h2; db_user="${db_user:-sa}"; db_password="${db_password:-sa}"
            # An administrator's own H2 URL is kept as given, but without WRITE_DELAY=0 a killed server loses the
            # last commits (SB_H2_OPTIONS above). Only the URL counts: H2 2.2.224 stores the setting in the database
            # but does not apply it again when the database is reopened without it.
            if [[ "$db_url" != jdbc:h2:mem:* && ! "${db_url^^}" =~ \;WRITE_DELAY=0+(\;|$) ]]; then
                warn "the H2 URL has no ;WRITE_DELAY=0: a killed server process loses the commits of its last half second (see docs/servers.md, \"Durability of the embedded database\")"
            fi ;;
        jdbc:postgresql:*) db_kind=postgresql
            [[ -n "$db_user" ]] || die "--db-user is required for PostgreSQL"
            [[ -f "$driver_jar" ]] || die "--driver-jar must name the PostgreSQL JDBC driver jar for $db_url"
            driver_jar="$(cd "$(dirname "$driver_jar")" && pwd)/$(basename "$driver_jar")" ;;
        *) die "unsupported database URL '$db_url' (jdbc:h2:… or jdbc:postgresql:…)" ;;
    esac
}
