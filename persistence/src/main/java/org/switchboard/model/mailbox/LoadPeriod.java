package org.switchboard.model.mailbox;

import java.time.OffsetDateTime;

/** How far back the first sync loads mail (MB-02; MB-08's default is a week). */
public enum LoadPeriod {
    DAY, WEEK, MONTH, THREE_MONTHS, SIX_MONTHS, YEAR, ALL;

    /** The start of the period ending at {@code now}; {@code null} for {@link #ALL}. */
    public OffsetDateTime since(OffsetDateTime now) {
        return switch (this) {
            case DAY -> now.minusDays(1);
            case WEEK -> now.minusWeeks(1);
            case MONTH -> now.minusMonths(1);
            case THREE_MONTHS -> now.minusMonths(3);
            case SIX_MONTHS -> now.minusMonths(6);
            case YEAR -> now.minusYears(1);
            case ALL -> null;
        };
    }
}
