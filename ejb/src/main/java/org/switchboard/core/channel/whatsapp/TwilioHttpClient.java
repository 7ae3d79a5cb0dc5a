package org.switchboard.core.channel.whatsapp;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client, adapted for Switchboard (CH-12, WA-05): it sends every request to the configured base
 * URL instead of the hard-coded {@code https://api.twilio.com} (local fakes, proxies), makes exactly one attempt
 * (the SDK retries 5xx three times and HttpClient retries 429/503, blocking for {@code Retry-After}; the outbox
 * retries instead), sets our timeouts, and remembers the last raw response of the calling thread, because the SDK's
 * exceptions carry neither the HTTP status nor the {@code Retry-After} header.
 */
class TwilioHttpClient extends NetworkHttpClient {

    private final String base;

    private final ThreadLocal<Response> lastResponse = new ThreadLocal<>();

    /**
     * @param base the URL that replaces {@code https://api.twilio.com} (e.g. {@code http://localhost:18777/twilio}),
     *             or null for Twilio itself
     */
    TwilioHttpClient(String base, Duration connectTimeout, Duration responseTimeout) {
        super(builder(connectTimeout, responseTimeout));
        this.base = base;
    }

    private static HttpClientBuilder builder(Duration connectTimeout, Duration responseTimeout) {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout response = Timeout.of(responseTimeout);
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .build();
        return HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(100)
                        .build())
                // NetworkHttpClient.makeRequest pins its DEFAULT_REQUEST_CONFIG (30.5 s connect timeout) on every
                // request, and a request's config wins over the connection manager's; put ours back.
                .addExecInterceptorFirst("switchboard-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(requestConfig);
                    return chain.proceed(request, scope);
                });
    }

    @Override
    public Response makeRequest(Request request) {
        lastResponse.remove();
        Response response = super.makeRequest(base == null ? request : rebased(request));
        lastResponse.set(response);
        return response;
    }

    /** One attempt only: retries are the caller's decision. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    /** One attempt only, whatever the SDK asks for. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    /** The raw response to this thread's last request, or null when it got none (I/O failure, timeout). */
    Response lastResponse() {
        return lastResponse.get();
    }

    /** Drops this thread's last response (pooled server threads must not keep it). */
    void forget() {
        lastResponse.remove();
    }

    /** Closes the connection pool. */
    void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing idle connections of a pool that is going away: nothing left to do.
        }
    }

    private Request rebased(Request original) {
        // Only the path is kept: the SDK builds https://{domain}.twilio.com{path}, and the base replaces the rest.
        Request copy = new Request(original.getMethod(), base + URI.create(original.getUrl()).getRawPath());
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
