package org.switchboard.web.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A safe {@code Content-Disposition} and content type for a file whose name and type someone else chose: a chat's
 * contact or operator (CH-12), an e-mail's sender (MB-06).
 */
public final class Downloads {

    private Downloads() {
    }

    /**
     * An attachment disposition with an ASCII fallback name (quotes, backslashes, control and non-ASCII characters
     * replaced) and the exact name in RFC 5987 form, so that no file name can inject a header or a parameter.
     */
    public static String contentDisposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName.replaceAll("[\\\\/]", "_");
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == ';' ? '_' : c);
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** A file as a download: its bytes with its content type, as an attachment, never sniffed by the browser. */
    public static Response attachment(byte[] content, String contentType, String fileName) {
        return Response.ok(content, contentType(contentType))
                .header("Content-Disposition", contentDisposition(fileName))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The file's own content type when it is a valid one; otherwise bytes ({@code application/octet-stream}). */
    public static String contentType(String type) {
        try {
            return type == null || type.isBlank() ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.valueOf(type).toString();
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
