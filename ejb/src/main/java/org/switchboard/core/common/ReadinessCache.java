package org.switchboard.core.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The readiness of the database and the broker as {@link ReadinessService} last found it, for at most
 * {@value #FRESH_MILLIS} ms (issue 18): a load balancer or an attacker polling readiness many times a second opens one
 * database and one broker connection a second, not one per request. When the result is stale one caller checks again
 * and the others arriving meanwhile wait for its answer.
 */
@ApplicationScoped
public class ReadinessCache {

    static final long FRESH_MILLIS = 1_000;

    private record Checked(Readiness readiness, long atNanos) {
    }

    private final Object checking = new Object();
    private volatile Checked last;

    @Inject
    private ReadinessService service;

    private Supplier<Readiness> check;
    private LongSupplier nanoTime = System::nanoTime;

    public ReadinessCache() {
    }

    ReadinessCache(Supplier<Readiness> check, LongSupplier nanoTime) {
        this.check = check;
        this.nanoTime = nanoTime;
    }

    /** The current readiness, checked at most once per {@value #FRESH_MILLIS} ms. */
    public Readiness current() {
        Checked known = last;
        if (fresh(known)) {
            return known.readiness();
        }
        synchronized (checking) {
            known = last;
            if (!fresh(known)) {
                known = new Checked(check == null ? service.check() : check.get(), nanoTime.getAsLong());
                last = known;
            }
            return known.readiness();
        }
    }

    private boolean fresh(Checked known) {
        return known != null && nanoTime.getAsLong() - known.atNanos() < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS);
    }
}
