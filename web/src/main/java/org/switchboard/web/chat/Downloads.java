package org.switchboard.web.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A safe {@code Content-Disposition} for a file name a chat's contact or operator chose (CH-12). */
final class Downloads {

    private Downloads() {
    }

    /**
     * An attachment disposition with an ASCII fallback name (quotes, backslashes, control and non-ASCII characters
     * replaced) and the exact name in RFC 5987 form, so that no file name can inject a header or a parameter.
     */
    static String contentDisposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName.replaceAll("[\\\\/]", "_");
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == ';' ? '_' : c);
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
