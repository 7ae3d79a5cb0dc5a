package org.switchboard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client whose requests leave from a chosen loopback address (127.0.0.2, 127.0.1.7, …): the
 * server sees each as another client address, which is what the sign-in throttle counts (issue 18). The JDK 17
 * {@code HttpClient} cannot choose its local address. One request per connection ({@code Connection: close}); the
 * body of a chunked answer is joined.
 */
final class BoundHttp {

    private static final int TIMEOUT_MILLIS = 60_000;

    private BoundHttp() {
    }

    /**
     * Sends a request from {@code from}; {@code headers} alternate names and values. The body is sent as it is, with
     * its length unless the headers frame it themselves ({@code Content-Length}, {@code Transfer-Encoding}).
     */
    static ApiResponse send(String from, URL base, String method, String path, String body, String... headers) {
        URI uri = URI.create(Deployments.resolve(base, path).toString());
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        boolean framed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            framed |= headers[i].equalsIgnoreCase("Content-Length")
                    || headers[i].equalsIgnoreCase("Transfer-Encoding");
        }
        if (!framed) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(method, uri, socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " from " + from, e);
        }
    }

    private static ApiResponse read(String method, URI uri, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, 0);
        String head = new String(all, 0, end < 0 ? all.length : end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(all, end + 4, all.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new ApiResponse(method, uri, status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    /** Where the blank line ending the head starts, or -1. */
    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            joined.write(chunked, from, Math.min(size, chunked.length - from));
            at = from + size + 2;
        }
        return joined.toByteArray();
    }
}
