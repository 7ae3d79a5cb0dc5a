package org.switchboard.core.channel.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.MultipartBody;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.common.Jsons;

/**
 * The Bot API over the JDK's HTTP client (TG-*): JSON requests, multipart uploads, file downloads. The base URL comes
 * from {@value #BASE_URL_KEY} (the tests' fake, or a self-hosted Bot API server). Every call is made once: retrying is
 * the caller's decision, with the outcome telling it whether and when. No URL is ever logged (the token is in it).
 */
@ApplicationScoped
public class HttpTelegramClient implements TelegramClient {

    public static final String BASE_URL_KEY = "switchboard.telegram.base-url";
    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    /** A bot token as BotFather issues it: the bot's id, a colon, and the secret part. */
    public static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Logger LOG = Logger.getLogger(HttpTelegramClient.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);

    @Inject
    @ConfigProperty(name = BASE_URL_KEY)
    private Optional<String> configuredBase;

    private volatile String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpTelegramClient() {
    }

    HttpTelegramClient(String base) {
        this.base = strip(base);
    }

    @Override
    public Bot getMe(String token) {
        JsonObject bot = call(token, "getMe", Jsons.object().build()).asJsonObject();
        return new Bot(bot.getJsonNumber("id").longValue(), bot.getString("username", null),
                bot.getString("first_name", null));
    }

    @Override
    public void setWebhook(String token, String url, String secret) {
        call(token, "setWebhook", Jsons.object().add("url", url).add("secret_token", secret)
                .add("allowed_updates", Jsons.array().add("message")).add("max_connections", 40).build());
    }

    @Override
    public void deleteWebhook(String token) {
        call(token, "deleteWebhook", Jsons.object().build());
    }

    @Override
    public SendOutcome sendMessage(String token, String chatId, String text) {
        String body = Jsons.object().add("chat_id", chatId).add("text", text).build().toString();
        return send(token, "sendMessage", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                "application/json");
    }

    @Override
    public SendOutcome sendFile(String token, String chatId, FileKind kind, ChannelFile file, String caption) {
        MultipartBody body = new MultipartBody(file.content().length).field("chat_id", chatId);
        if (caption != null && !caption.isEmpty()) {
            body.field("caption", caption);
        }
        body.file(kind == FileKind.PHOTO ? "photo" : "document", file);
        return send(token, kind == FileKind.PHOTO ? "sendPhoto" : "sendDocument", body.publisher(),
                body.contentType());
    }

    @Override
    public ChannelFile download(String token, String fileId, String fileName, String contentType) {
        JsonObject info = call(token, "getFile", Jsons.object().add("file_id", fileId).build()).asJsonObject();
        String path = info.getString("file_path", null);
        if (path == null) {
            throw new ProviderRefusedException(true, "Telegram gave no file path for this file (is it over 20 MB?)");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/file/bot" + token + "/" + path))
                .timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The class name only: a message might quote the URL, which holds the token.
            LOG.warning(() -> "Telegram file download failed: " + e.getClass().getSimpleName());
            throw new ProviderRefusedException(false, "Telegram is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "Interrupted while downloading from Telegram");
        }
        if (response.statusCode() != 200) {
            throw new ProviderRefusedException(response.statusCode() < 500,
                    "Telegram answered HTTP " + response.statusCode() + " to the file download");
        }
        if (response.body().length > TelegramLimits.DOWNLOAD_MAX_BYTES) {
            throw new ProviderRefusedException(true, "The file is larger than Telegram's 20 MB download limit");
        }
        String name = fileName != null ? fileName : path.substring(path.lastIndexOf('/') + 1);
        String type = contentType != null ? contentType
                : response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        return new ChannelFile(name, type, response.body());
    }

    /** A call that must succeed: its {@code result}, or a {@link ProviderRefusedException} with Telegram's reason. */
    private JsonValue call(String token, String method, JsonObject parameters) {
        HttpResponse<String> response;
        try {
            response = http.send(request(token, method, HttpRequest.BodyPublishers.ofString(parameters.toString(),
                    StandardCharsets.UTF_8), "application/json"), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warning(() -> "Telegram " + method + " failed: " + e.getClass().getSimpleName());
            throw new ProviderRefusedException(false, "Telegram is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderRefusedException(false, "Interrupted while calling Telegram");
        }
        Answer answer = Answer.of(response);
        if (answer.ok()) {
            return answer.result();
        }
        LOG.warning(() -> "Telegram " + method + " refused: HTTP " + answer.code() + " " + answer.description());
        throw new ProviderRefusedException(answer.code() != 429 && answer.code() < 500, answer.description());
    }

    /** A send: sent with the message's id, worth retrying (429, 5xx, I/O), or failed with Telegram's reason. */
    private SendOutcome send(String token, String method, HttpRequest.BodyPublisher body, String contentType) {
        HttpResponse<String> response;
        try {
            response = http.send(request(token, method, body, contentType), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warning(() -> "Telegram " + method + " failed: " + e.getClass().getSimpleName());
            return new SendOutcome.Retry(null, "Telegram is not reachable: "
                    + ProviderRefusedException.networkReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Retry(null, "Interrupted while calling Telegram");
        }
        Answer answer = Answer.of(response);
        if (answer.ok()) {
            JsonValue id = answer.result().asJsonObject().get("message_id");
            return new SendOutcome.Sent(id == null ? null : id.toString());
        }
        if (answer.code() == 429 || answer.code() >= 500) {
            return new SendOutcome.Retry(answer.retryAfter(), "Telegram: " + answer.description());
        }
        return new SendOutcome.Failed("Telegram: " + answer.description());
    }

    private HttpRequest request(String token, String method, HttpRequest.BodyPublisher body, String contentType) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new ProviderRefusedException(true, "This is not a bot token (it looks like 123456:ABC-DEF…)");
        }
        return HttpRequest.newBuilder(URI.create(base() + "/bot" + token + "/" + method)).timeout(CALL_TIMEOUT)
                .header("Content-Type", contentType).POST(body).build();
    }

    /** Telegram's answer: {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,"description":…}}. */
    private record Answer(boolean ok, JsonValue result, int code, String description, Duration retryAfter) {

        static Answer of(HttpResponse<String> response) {
            JsonObject json;
            try (JsonReader reader = Jsons.reader(response.body() == null ? "" : response.body())) {
                json = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                return new Answer(false, null, response.statusCode(), "HTTP " + response.statusCode()
                        + " without a Bot API answer", null);
            }
            if (json.getBoolean("ok", false) && json.containsKey("result")) {
                return new Answer(true, json.get("result"), response.statusCode(), null, null);
            }
            int code = json.get("error_code") instanceof JsonNumber n ? n.intValue() : response.statusCode();
            Duration after = null;
            if (json.get("parameters") instanceof JsonObject parameters
                    && parameters.get("retry_after") instanceof JsonNumber seconds) {
                after = Duration.ofSeconds(seconds.longValue());
            }
            return new Answer(false, null, code, json.getString("description", "HTTP " + code), after);
        }
    }

    private String base() {
        String value = base;
        if (value == null) {
            value = strip(configuredBase == null ? null : configuredBase.orElse(null));
            base = value;
        }
        return value;
    }

    private static String strip(String configured) {
        String value = configured == null || configured.isBlank() ? DEFAULT_BASE_URL : configured.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
