package org.switchboard.web.channel;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** What the messengers' webhooks share: path ids and {@code application/problem+json} refusals. */
final class Webhooks {

    private Webhooks() {
    }

    /** A path segment as a positive id, or empty. */
    static OptionalLong id(String segment) {
        if (segment == null || segment.isEmpty() || segment.length() > 18 || !segment.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(segment));
    }

    /** Path segments after the servlet's own path, without empty ones. */
    static String[] segments(String pathInfo) {
        return pathInfo == null ? new String[0] : pathInfo.replaceFirst("^/+", "").split("/+");
    }

    static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder().add("type", "about:blank")
                .add("title", title(status)).add("status", status).add("detail", detail).build().toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }
}
