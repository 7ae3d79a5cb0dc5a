package org.switchboard.core.crm.sync;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.switchboard.core.crm.Recurrence;
import org.switchboard.core.exchange.GraphCalendarClient.RemoteRecurrence;

/**
 * A series' recurrence between Outlook's terms (Graph's {@code recurrencePattern} and {@code recurrenceRange}) and the
 * CRM's RFC 5545 RRULE (EA-01, EA-02), so that a recurring meeting syncs as one record with its rule. Outlook's six
 * pattern types map onto rules {@link Recurrence} expands to the same days, including Exchange's rule that a day of
 * the month beyond a shorter month's end falls on its last day ({@code BYMONTHDAY=-1} for the 31st,
 * {@code BYMONTHDAY=28,29,30;BYSETPOS=-1} for the 30th). A rule Outlook cannot hold (several ordinals, a day counted
 * from a month's end, more than 99 between occurrences, …) is refused with the reason, and the run records that
 * meeting as not synced.
 */
public final class GraphRecurrences {

    /** Outlook's longest interval between occurrences (Exchange: 1 to 99). */
    static final int INTERVAL_MAX = 99;
    private static final List<String> INDEXES = List.of("first", "second", "third", "fourth");
    private static final Map<String, Integer> POSITIONS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4,
            "last", -1);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    /** A rule Outlook cannot hold; the message says why. */
    public static final class NotRepresentable extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        NotRepresentable(String reason) {
            super(reason);
        }
    }

    private GraphRecurrences() {
    }

    /** The RRULE value of Outlook's recurrence (without "RRULE:"); the series starts on its range's start date. */
    public static String rule(RemoteRecurrence recurrence) {
        List<String> parts = new ArrayList<>();
        int interval = Math.max(1, recurrence.interval());
        switch (recurrence.type()) {
            case "daily" -> parts.add("FREQ=DAILY");
            case "weekly" -> {
                parts.add("FREQ=WEEKLY");
                parts.add("BYDAY=" + days(recurrence.daysOfWeek()));
                if (recurrence.firstDayOfWeek() != null && !"monday".equals(recurrence.firstDayOfWeek())) {
                    parts.add("WKST=" + day(recurrence.firstDayOfWeek()));
                }
            }
            case "absoluteMonthly" -> {
                parts.add("FREQ=MONTHLY");
                parts.addAll(dayOfMonth(recurrence.dayOfMonth()));
            }
            case "relativeMonthly" -> {
                parts.add("FREQ=MONTHLY");
                parts.add("BYDAY=" + days(recurrence.daysOfWeek()));
                parts.add("BYSETPOS=" + position(recurrence.index()));
            }
            case "absoluteYearly" -> {
                parts.add("FREQ=YEARLY");
                parts.add("BYMONTH=" + month(recurrence.month()));
                parts.addAll(dayOfMonth(recurrence.dayOfMonth()));
            }
            case "relativeYearly" -> {
                parts.add("FREQ=YEARLY");
                parts.add("BYMONTH=" + month(recurrence.month()));
                parts.add("BYDAY=" + days(recurrence.daysOfWeek()));
                parts.add("BYSETPOS=" + position(recurrence.index()));
            }
            default -> throw new NotRepresentable("Outlook's recurrence type " + recurrence.type() + " is unknown");
        }
        if (interval > 1) {
            parts.add(1, "INTERVAL=" + interval);
        }
        switch (recurrence.rangeType() == null ? "noEnd" : recurrence.rangeType()) {
            case "endDate" -> {
                if (recurrence.endDate() == null) {
                    throw new NotRepresentable("Outlook's recurrence ends on a date it does not give");
                }
                parts.add("UNTIL=" + recurrence.endDate().format(UNTIL));
            }
            case "numbered" -> parts.add("COUNT=" + Math.max(1, recurrence.numberOfOccurrences() == null ? 1
                    : recurrence.numberOfOccurrences()));
            default -> {
                // noEnd
            }
        }
        return String.join(";", parts);
    }

    /**
     * Outlook's recurrence of a CRM rule for a series starting on {@code startDate} in {@code zone} (the day of the
     * range's start, and the zone its end date is read in).
     *
     * @throws NotRepresentable when Outlook cannot hold the rule
     */
    public static RemoteRecurrence recurrence(String rule, LocalDate startDate, ZoneId zone) {
        Recurrence r = Recurrence.parse(rule);
        if (r.interval() > INTERVAL_MAX) {
            throw new NotRepresentable("Outlook repeats at most every " + INTERVAL_MAX
                    + " days, weeks, months or years");
        }
        String rangeType = r.count() != null ? "numbered" : r.until(zone) != null ? "endDate" : "noEnd";
        LocalDate endDate = "endDate".equals(rangeType) ? r.until(zone) : null;
        Integer count = r.count();
        String tz = zone.getId();
        return switch (r.frequency()) {
            case DAILY -> new RemoteRecurrence("daily", r.interval(), List.of(), null, null, null, null, rangeType,
                    startDate, endDate, count, tz);
            case WEEKLY -> new RemoteRecurrence("weekly", r.interval(), r.byDay().isEmpty()
                    ? List.of(name(startDate.getDayOfWeek())) : r.byDay().stream().map(d -> name(d.day())).toList(),
                    null, null, null, name(r.weekStart()), rangeType, startDate, endDate, count, tz);
            case MONTHLY -> monthly(r, startDate, rangeType, endDate, count, tz, null);
            case YEARLY -> {
                if (r.byMonth().size() > 1) {
                    throw new NotRepresentable("Outlook repeats a yearly meeting in one month only");
                }
                int month = r.byMonth().isEmpty() ? startDate.getMonthValue() : r.byMonth().get(0);
                yield monthly(r, startDate, rangeType, endDate, count, tz, month);
            }
        };
    }

    /** A monthly pattern, or the yearly one in {@code month} when it is given. */
    private static RemoteRecurrence monthly(Recurrence r, LocalDate startDate, String rangeType, LocalDate endDate,
            Integer count, String tz, Integer month) {
        String absolute = month == null ? "absoluteMonthly" : "absoluteYearly";
        String relative = month == null ? "relativeMonthly" : "relativeYearly";
        if (r.byDay().isEmpty()) {
            Integer day = outlookDayOfMonth(r, startDate);
            return new RemoteRecurrence(absolute, r.interval(), List.of(), day, month, null, null, rangeType,
                    startDate, endDate, count, tz);
        }
        if (!r.byMonthDay().isEmpty()) {
            throw new NotRepresentable("Outlook does not combine days of the month with weekdays");
        }
        List<Integer> ordinals = r.byDay().stream().map(Recurrence.WeekdayNum::ordinal).distinct().toList();
        int position;
        if (r.bySetPos() != null && ordinals.equals(List.of(0))) {
            position = r.bySetPos();
        } else if (r.bySetPos() == null && ordinals.size() == 1 && ordinals.get(0) != 0) {
            position = ordinals.get(0);
        } else {
            throw new NotRepresentable("Outlook repeats on one n-th weekday of the month (first to fourth or last)");
        }
        String index = position == -1 ? "last" : position >= 1 && position <= 4 ? INDEXES.get(position - 1) : null;
        if (index == null) {
            throw new NotRepresentable("Outlook counts weekdays of the month as first to fourth or last only");
        }
        return new RemoteRecurrence(relative, r.interval(), r.byDay().stream().map(d -> name(d.day())).toList(),
                null, month, index, null, rangeType, startDate, endDate, count, tz);
    }

    /**
     * The day of the month of an absolute pattern: the rule's one day up to the 28th, or Exchange's own forms of the
     * 29th to 31st (which fall on a shorter month's last day), or the start's day when the rule names none.
     */
    private static Integer outlookDayOfMonth(Recurrence r, LocalDate startDate) {
        List<Integer> days = r.byMonthDay();
        if (days.isEmpty()) {
            if (startDate.getDayOfMonth() > 28) {
                throw new NotRepresentable("Outlook moves the 29th to 31st to a shorter month's last day");
            }
            return startDate.getDayOfMonth();
        }
        if (days.equals(List.of(-1)) && r.bySetPos() == null) {
            return 31;
        }
        if (r.bySetPos() != null && r.bySetPos() == -1 && days.size() > 1 && days.get(0) == 28
                && days.equals(IntStream.rangeClosed(28, days.get(days.size() - 1)).boxed()
                        .toList())) {
            return days.get(days.size() - 1);
        }
        if (days.size() == 1 && days.get(0) >= 1 && days.get(0) <= 28 && r.bySetPos() == null) {
            return days.get(0);
        }
        throw new NotRepresentable("Outlook repeats on one day of the month, counted from its start");
    }

    private static List<String> dayOfMonth(Integer day) {
        int d = day == null ? 1 : day;
        if (d < 1 || d > 31) {
            throw new NotRepresentable("Outlook's day of the month " + d + " is not one");
        }
        if (d <= 28) {
            return List.of("BYMONTHDAY=" + d);
        }
        if (d == 31) {
            return List.of("BYMONTHDAY=-1");
        }
        return List.of("BYMONTHDAY=" + IntStream.rangeClosed(28, d).mapToObj(String::valueOf)
                .collect(Collectors.joining(",")), "BYSETPOS=-1");
    }

    private static int month(Integer month) {
        if (month == null || month < 1 || month > 12) {
            throw new NotRepresentable("Outlook's yearly recurrence names no month");
        }
        return month;
    }

    private static int position(String index) {
        Integer position = index == null ? null : POSITIONS.get(index);
        if (position == null) {
            throw new NotRepresentable("Outlook's recurrence index " + index + " is unknown");
        }
        return position;
    }

    private static String days(List<String> days) {
        if (days.isEmpty()) {
            throw new NotRepresentable("Outlook's recurrence names no weekday");
        }
        return days.stream().map(GraphRecurrences::day).collect(Collectors.joining(","));
    }

    private static String day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)).name().substring(0, 2);
        } catch (IllegalArgumentException e) {
            throw new NotRepresentable("Outlook's weekday " + name + " is unknown");
        }
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
