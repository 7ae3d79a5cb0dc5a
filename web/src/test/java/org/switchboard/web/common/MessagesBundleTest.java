package org.switchboard.web.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.chat.CandidateVerdict;
import org.switchboard.core.common.Operations;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.DeliveryStatus;
import org.switchboard.model.chat.MessageDirection;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.chat.RoutingRule;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;
import org.switchboard.model.settings.SettingType;

/** X-04: the UI speaks English and Russian, so every text the screens and the API use exists in both bundles. */
class MessagesBundleTest {

    private static final Pattern PAGE_KEY = Pattern.compile("msg\\['([A-Za-z0-9_.]+)'\\]");
    private static final Pattern SETTING_CODE = Pattern.compile("\\(\\d+,\\s*0,\\s*'([A-Za-z]+)'");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/org/switchboard/web/i18n/" + name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    /**
     * A Java string literal that is a key of an area the bundle defines. The areas (what comes before a key's first
     * dot: {@code crm_contact}, {@code designer_deadLetters}, {@code ChatStatus}...) are read from the bundle itself,
     * so a new area is checked without editing this test, while ordinary strings ({@code "org.switchboard"},
     * {@code "mail.imap.host"}) start with no area. A literal ending in a dot is the start of a key that is completed
     * at run time ({@code "error.http." + status}), not a key.
     */
    private static Pattern javaKeyPattern() throws IOException {
        Set<String> areas = new TreeSet<>();
        for (String key : bundle("messages.properties").stringPropertyNames()) {
            areas.add(area(key));
        }
        String alternatives = areas.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("\"((?:" + alternatives + ")\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");
    }

    private static String area(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The keys the Java sources of the web, ejb and persistence modules name as string literals. */
    private static Set<String> javaKeys() throws IOException {
        Pattern javaKey = javaKeyPattern();
        Set<String> keys = new TreeSet<>();
        for (String root : List.of("src/main/java", "../ejb/src/main/java", "../persistence/src/main/java")) {
            keys.addAll(matches(Path.of(root), ".java", javaKey));
        }
        return keys;
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        }
        return keys;
    }

    /** The codes of the settings the migrations insert into system_setting. */
    private static Set<String> settingCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        Pattern insert = Pattern.compile("INSERT INTO system_setting\\b[^;]*;", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(Path.of("../persistence/src/main/resources/db/migration"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher statements = insert.matcher(Files.readString(file));
                while (statements.find()) {
                    Matcher code = SETTING_CODE.matcher(statements.group());
                    while (code.find()) {
                        codes.add(code.group(1));
                    }
                }
            }
        }
        assertTrue(codes.size() >= 11, "settings found in the migrations: " + codes);
        return codes;
    }

    /** Every key the application looks up: in pages, in Java, and the ones built from codes and enums. */
    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        keys.addAll(matches(Path.of("src/main/webapp"), ".xhtml", PAGE_KEY));
        keys.addAll(javaKeys());
        for (String code : settingCodes()) {
            keys.add("setting." + code + ".name");
            keys.add("setting." + code + ".description");
        }
        for (String operation : Operations.ALL) {
            keys.add("operation." + operation + ".title");
        }
        for (SettingType type : SettingType.values()) {
            keys.add("SettingType." + type.name());
        }
        // CH-12, MP-10: the panel, the Chats section and the mail providers label these enums by key
        // (msg['ChatStatus.' += c.status]).
        for (Class<? extends Enum<?>> type : List.of(ChatStatus.class, ChatCompletion.class, MessageDirection.class,
                DeliveryStatus.class, OperatorStatus.class, RoutingRule.class, RoutingOutcome.class,
                CandidateVerdict.class, ChannelProvider.class, MailProviderType.class, MailSecurity.class,
                LoginFormat.class, MailAuthentication.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                keys.add(type.getSimpleName() + "." + constant.name());
            }
        }
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 415}) {
            keys.add("error.http." + status);
        }
        // CH-15: a new channel's "save" is labelled by its provider's card fragment's own key.
        try (Stream<Path> fragments = Files.list(Path.of("src/main/webapp/WEB-INF/includes/channel"))) {
            fragments.map(f -> f.getFileName().toString().replace(".xhtml", "")).filter(f -> !f.equals("unavailable"))
                    .forEach(f -> keys.add("designer_channel.action.create." + f.toUpperCase(Locale.ROOT)));
        }
        return keys;
    }

    @Test
    @DisplayName("X-04 the English and Russian bundles have the same keys, none empty")
    void sameKeys() throws IOException {
        Properties english = bundle("messages.properties");
        Properties russian = bundle("messages_ru.properties");
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(russian.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertTrue(!english.getProperty(key).isBlank() && !russian.getProperty(key).isBlank(), key);
        }
        assertEquals(new TreeSet<>(bundle("faces.properties").stringPropertyNames()),
                new TreeSet<>(bundle("faces_ru.properties").stringPropertyNames()));
    }

    @Test
    @DisplayName("X-04 no key is defined twice in a bundle (the later one would silently win)")
    void noDuplicateKeys() throws IOException {
        for (String name : List.of("messages.properties", "messages_ru.properties", "faces.properties",
                "faces_ru.properties")) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("src/main/resources/org/switchboard/web/i18n", name))) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 0) {
                    continue;
                }
                String key = trimmed.substring(0, equals).strip();
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
            assertTrue(twice.isEmpty(), name + " defines these keys twice: " + twice);
        }
    }

    @Test
    @DisplayName("X-04 every text a page or a service uses exists in both languages")
    void everyUsedKeyExists() throws IOException {
        Set<String> used = usedKeys();
        assertTrue(used.size() > 150, "found only " + used.size() + " keys: the scan is broken");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(bundle("messages.properties").stringPropertyNames());
        assertEquals(Set.of(), missing, "keys missing from messages.properties");
        missing = new TreeSet<>(used);
        missing.removeAll(bundle("messages_ru.properties").stringPropertyNames());
        assertEquals(Set.of(), missing, "keys missing from messages_ru.properties");
    }

    @Test
    @DisplayName("X-04 the Java scan knows every area of the bundle as a key, and ordinary strings as none")
    void javaScanCoversEveryArea() throws IOException {
        Pattern javaKey = javaKeyPattern();
        Set<String> unseen = new TreeSet<>();
        for (String key : bundle("messages.properties").stringPropertyNames()) {
            if (!javaKey.matcher('"' + key + '"').matches()) {
                unseen.add(area(key));
            }
        }
        assertEquals(Set.of(), unseen, "areas whose keys the scan of the Java sources would not see");
        for (String ordinary : List.of("org.switchboard.core", "mail.imap.host", "switchboard.chat.minute",
                "error.http.", "java:app/jms/switchboard/events")) {
            assertFalse(javaKey.matcher('"' + ordinary + '"').matches(), ordinary);
        }
    }

    @Test
    @DisplayName("X-04 messages with arguments format in both languages, and Russian is really Russian")
    void formatting() {
        Locale ru = Locale.forLanguageTag("ru");
        assertEquals("The value must be at least 1.", Texts.format(Locale.ENGLISH, "validation.setting.min", 1L));
        assertEquals("Значение должно быть не меньше 1.", Texts.format(ru, "validation.setting.min", 1L));
        assertNotEquals(Texts.format(Locale.ENGLISH, "nav.settings"), Texts.format(ru, "nav.settings"));
        assertEquals(ru, Texts.firstSupported(java.util.List.of(Locale.GERMAN, Locale.forLanguageTag("ru-RU"))));
        assertEquals(Locale.ENGLISH, Texts.firstSupported(java.util.List.of(Locale.GERMAN)));
    }
}
