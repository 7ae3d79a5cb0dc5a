package org.switchboard.core.channel.custom;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomFileFetcherTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://files.example.com/r/1", "HTTP://files.example.com:8080/a?b=c"})
    @DisplayName("CH-12 issue 18: an integration's absolute http(s) file URL is fetched")
    void httpUrlsAreFetched(String url) {
        assertNotNull(CustomFileFetcher.httpUri(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://files.example.com/a", "jar:file:/a!/b", "telegram:abc",
        "//files.example.com/a", "/relative", "http://user:pw@files.example.com/a", "http:///nohost", "https://a b/",
        "gopher://127.0.0.1:25/"})
    @DisplayName("CH-12 issue 18: other schemes, relative URLs, user information and malformed URLs are not fetched")
    void otherUrlsAreNot(String url) {
        assertNull(CustomFileFetcher.httpUri(url), url);
    }
}
