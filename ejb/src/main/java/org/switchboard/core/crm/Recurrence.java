package org.switchboard.core.crm;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An RFC 5545 recurrence rule (the value of an {@code RRULE}), checked and expanded into occurrences. It covers the
 * patterns Outlook, Microsoft Graph and Google Calendar make: daily, weekly on days, monthly on days of the month or on
 * the n-th weekday ({@code BYDAY=2TU}, {@code BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1}), yearly on a day of a month or its
 * n-th weekday, each with {@code INTERVAL} and ended by {@code COUNT} or {@code UNTIL} or not at all. Anything else
 * (hourly rules, {@code BYWEEKNO}, {@code BYYEARDAY}, …) is refused with the part at fault rather than shown wrong.
 * Occurrences are computed in the activity's zone, so a weekly meeting keeps its local time across a change of
 * daylight-saving time.
 */
public final class Recurrence {

    /** How often the rule repeats. */
    public enum Frequency {
        DAILY, WEEKLY, MONTHLY, YEARLY
    }

    /** One {@code BYDAY} entry: a weekday, with the n-th of the month when {@code ordinal} is not 0. */
    public record WeekdayNum(int ordinal, DayOfWeek day) {
    }

    /** The most occurrences a rule may count, and that one expansion returns. */
    public static final int OCCURRENCES_MAX = 1000;
    private static final int INTERVAL_MAX = 999;
    private static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final DateTimeFormatter UNTIL_DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final DateTimeFormatter UNTIL_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

    private final Frequency frequency;
    private final int interval;
    private final Integer count;
    private final LocalDate untilDate;
    private final Instant untilInstant;
    private final List<WeekdayNum> byDay;
    private final List<Integer> byMonthDay;
    private final List<Integer> byMonth;
    private final Integer bySetPos;
    private final DayOfWeek weekStart;

    private Recurrence(Frequency frequency, int interval, Integer count, LocalDate untilDate, Instant untilInstant,
            List<WeekdayNum> byDay, List<Integer> byMonthDay, List<Integer> byMonth, Integer bySetPos,
            DayOfWeek weekStart) {
        this.frequency = frequency;
        this.interval = interval;
        this.count = count;
        this.untilDate = untilDate;
        this.untilInstant = untilInstant;
        this.byDay = byDay;
        this.byMonthDay = byMonthDay;
        this.byMonth = byMonth;
        this.bySetPos = bySetPos;
        this.weekStart = weekStart;
    }

    /**
     * Reads a rule ({@code FREQ=WEEKLY;BYDAY=MO,WE}; an {@code RRULE:} prefix is allowed); an
     * {@link IllegalArgumentException} names the part that is wrong or not supported.
     */
    public static Recurrence parse(String rule) {
        String text = rule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.toUpperCase(Locale.ROOT).split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1
                    || parts.put(part.substring(0, eq), part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(part);
            }
        }
        String freq = parts.remove("FREQ");
        Frequency frequency;
        try {
            frequency = Frequency.valueOf(freq == null ? "" : freq);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FREQ=" + (freq == null ? "" : freq), e);
        }
        int interval = parts.containsKey("INTERVAL") ? number(parts.remove("INTERVAL"), "INTERVAL", 1, INTERVAL_MAX)
                : 1;
        Integer count = parts.containsKey("COUNT")
                ? number(parts.remove("COUNT"), "COUNT", 1, OCCURRENCES_MAX) : null;
        String until = parts.remove("UNTIL");
        if (count != null && until != null) {
            throw new IllegalArgumentException("UNTIL=" + until);
        }
        LocalDate untilDate = null;
        Instant untilInstant = null;
        if (until != null) {
            try {
                if (until.length() == 8) {
                    untilDate = LocalDate.parse(until, UNTIL_DATE);
                } else if (until.length() == 16 && until.endsWith("Z")) {
                    untilInstant = LocalDateTime.parse(until.substring(0, 15), UNTIL_TIME).toInstant(ZoneOffset.UTC);
                } else {
                    throw new IllegalArgumentException("UNTIL=" + until);
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("UNTIL=" + until, e);
            }
        }
        List<WeekdayNum> byDay = parts.containsKey("BYDAY") ? weekdays(parts.remove("BYDAY"), frequency) : List.of();
        List<Integer> byMonthDay = parts.containsKey("BYMONTHDAY")
                ? numbers(parts.remove("BYMONTHDAY"), "BYMONTHDAY", 31) : List.of();
        List<Integer> byMonth = parts.containsKey("BYMONTH") ? numbers(parts.remove("BYMONTH"), "BYMONTH", 12)
                : List.of();
        Integer bySetPos = parts.containsKey("BYSETPOS") ? number(parts.remove("BYSETPOS"), "BYSETPOS", -31, 31)
                : null;
        DayOfWeek weekStart = DayOfWeek.MONDAY;
        if (parts.containsKey("WKST")) {
            String wkst = parts.remove("WKST");
            if (!DAYS.contains(wkst)) {
                throw new IllegalArgumentException("WKST=" + wkst);
            }
            weekStart = DayOfWeek.of(DAYS.indexOf(wkst) + 1);
        }
        if (!parts.isEmpty()) {
            Map.Entry<String, String> first = parts.entrySet().iterator().next();
            throw new IllegalArgumentException(first.getKey() + "=" + first.getValue());
        }
        check(frequency, byDay, byMonthDay, byMonth, bySetPos);
        return new Recurrence(frequency, interval, count, untilDate, untilInstant, byDay, byMonthDay, byMonth,
                bySetPos, weekStart);
    }

    /** The combinations the expansion below computes; others are refused by their part. */
    private static void check(Frequency frequency, List<WeekdayNum> byDay, List<Integer> byMonthDay,
            List<Integer> byMonth, Integer bySetPos) {
        boolean ordinals = byDay.stream().anyMatch(d -> d.ordinal() != 0);
        if ((frequency == Frequency.DAILY || frequency == Frequency.WEEKLY) && !byMonthDay.isEmpty()) {
            throw new IllegalArgumentException("BYMONTHDAY");
        }
        if (frequency != Frequency.YEARLY && !byMonth.isEmpty()) {
            throw new IllegalArgumentException("BYMONTH");
        }
        if (frequency == Frequency.DAILY && !byDay.isEmpty()) {
            throw new IllegalArgumentException("BYDAY");
        }
        if (frequency == Frequency.YEARLY && !byDay.isEmpty() && byMonth.isEmpty()) {
            throw new IllegalArgumentException("BYDAY");
        }
        if (ordinals && (bySetPos != null || byDay.stream().anyMatch(d -> Math.abs(d.ordinal()) > 5))) {
            throw new IllegalArgumentException("BYDAY");
        }
        if (bySetPos != null && (bySetPos == 0 || frequency == Frequency.DAILY || frequency == Frequency.WEEKLY
                || byDay.isEmpty() && byMonthDay.isEmpty())) {
            throw new IllegalArgumentException("BYSETPOS=" + bySetPos);
        }
    }

    private static List<WeekdayNum> weekdays(String value, Frequency frequency) {
        List<WeekdayNum> days = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.length() < 2 || !DAYS.contains(item.substring(item.length() - 2))) {
                throw new IllegalArgumentException("BYDAY=" + value);
            }
            int ordinal = 0;
            if (item.length() > 2) {
                ordinal = number(item.substring(0, item.length() - 2), "BYDAY", -53, 53);
                if (ordinal == 0 || frequency == Frequency.WEEKLY) {
                    throw new IllegalArgumentException("BYDAY=" + value);
                }
            }
            days.add(new WeekdayNum(ordinal, DayOfWeek.of(DAYS.indexOf(item.substring(item.length() - 2)) + 1)));
        }
        return List.copyOf(days);
    }

    private static List<Integer> numbers(String value, String name, int max) {
        List<Integer> numbers = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            int n = number(item, name, -max, max);
            if (n == 0 || name.equals("BYMONTH") && n < 0) {
                throw new IllegalArgumentException(name + "=" + value);
            }
            numbers.add(n);
        }
        return List.copyOf(numbers);
    }

    private static int number(String value, String name, int min, int max) {
        try {
            int n = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + "=" + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value, e);
        }
    }

    public Frequency frequency() {
        return frequency;
    }

    public int interval() {
        return interval;
    }

    public Integer count() {
        return count;
    }

    public List<WeekdayNum> byDay() {
        return byDay;
    }

    public List<Integer> byMonthDay() {
        return byMonthDay;
    }

    public List<Integer> byMonth() {
        return byMonth;
    }

    public Integer bySetPos() {
        return bySetPos;
    }

    /** The week's first day ({@code WKST}; Monday when the rule names none). */
    public DayOfWeek weekStart() {
        return weekStart;
    }

    /** The last day an occurrence may fall on (in the zone given), or null when the rule ends by count or never. */
    public LocalDate until(ZoneId zone) {
        return untilDate != null ? untilDate : untilInstant != null ? untilInstant.atZone(zone).toLocalDate() : null;
    }

    /**
     * The starts of the occurrences of a series beginning at {@code start} and lasting {@code duration} that overlap
     * [{@code from}, {@code to}), the days in {@code exceptions} taken out (they still count towards {@code COUNT},
     * as RFC 5545 has it), at most {@link #OCCURRENCES_MAX}. The series' start is its first occurrence when the rule
     * gives that day (RFC 5545 counts it in any case; Outlook and Google never make a start the rule does not give).
     */
    public List<ZonedDateTime> occurrences(ZonedDateTime start, Duration duration, Instant from, Instant to,
            Set<LocalDate> exceptions) {
        List<ZonedDateTime> found = new ArrayList<>();
        LocalDate startDay = start.toLocalDate();
        LocalDate lastDay = LocalDate.ofInstant(to, start.getZone()).plusDays(1);
        int generated = 0;
        LocalDate period = periodStart(startDay);
        for (int periods = 0; periods < 100_000; periods++) {
            for (LocalDate day : candidates(period, startDay)) {
                if (day.isBefore(startDay)) {
                    continue;
                }
                ZonedDateTime at = ZonedDateTime.of(day, start.toLocalTime(), start.getZone());
                if (beyondEnd(day, at) || day.isAfter(lastDay) || found.size() >= OCCURRENCES_MAX) {
                    return found;
                }
                generated++;
                if (!exceptions.contains(day) && at.toInstant().isBefore(to)
                        && at.toInstant().plus(duration).isAfter(from)) {
                    found.add(at);
                }
                if (count != null && generated >= count) {
                    return found;
                }
            }
            period = next(period);
        }
        return found;
    }

    private boolean beyondEnd(LocalDate day, ZonedDateTime at) {
        return untilDate != null && day.isAfter(untilDate)
                || untilInstant != null && at.toInstant().isAfter(untilInstant);
    }

    private LocalDate periodStart(LocalDate start) {
        return switch (frequency) {
            case DAILY -> start;
            case WEEKLY -> start.with(TemporalAdjusters.previousOrSame(weekStart));
            case MONTHLY -> start.withDayOfMonth(1);
            case YEARLY -> start.withDayOfYear(1);
        };
    }

    private LocalDate next(LocalDate period) {
        return switch (frequency) {
            case DAILY -> period.plusDays(interval);
            case WEEKLY -> period.plusWeeks(interval);
            case MONTHLY -> period.plusMonths(interval);
            case YEARLY -> period.plusYears(interval);
        };
    }

    /** The days the rule gives in one period, in order. */
    private List<LocalDate> candidates(LocalDate period, LocalDate start) {
        return switch (frequency) {
            case DAILY -> List.of(period);
            case WEEKLY -> {
                List<LocalDate> days = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    LocalDate day = period.plusDays(i);
                    if (byDay.isEmpty() ? day.getDayOfWeek() == start.getDayOfWeek()
                            : byDay.stream().anyMatch(d -> d.day() == day.getDayOfWeek())) {
                        days.add(day);
                    }
                }
                yield days;
            }
            case MONTHLY -> setPos(inMonth(YearMonth.from(period), start));
            case YEARLY -> {
                List<LocalDate> days = new ArrayList<>();
                List<Integer> months = byMonth.isEmpty() ? List.of(start.getMonthValue()) : new ArrayList<>(
                        new TreeSet<>(byMonth));
                for (int month : months) {
                    days.addAll(inMonth(YearMonth.of(period.getYear(), month), start));
                }
                yield setPos(days);
            }
        };
    }

    /** The days of a month that BYMONTHDAY and BYDAY give (both: the days in both), or the start's day of month. */
    private List<LocalDate> inMonth(YearMonth month, LocalDate start) {
        TreeSet<LocalDate> days = new TreeSet<>();
        if (byMonthDay.isEmpty() && byDay.isEmpty()) {
            if (start.getDayOfMonth() <= month.lengthOfMonth()) {
                days.add(month.atDay(start.getDayOfMonth()));
            }
            return new ArrayList<>(days);
        }
        for (int n : byMonthDay) {
            int day = n > 0 ? n : month.lengthOfMonth() + n + 1;
            if (day >= 1 && day <= month.lengthOfMonth()) {
                days.add(month.atDay(day));
            }
        }
        if (!byDay.isEmpty()) {
            TreeSet<LocalDate> weekdays = new TreeSet<>();
            for (WeekdayNum d : byDay) {
                List<LocalDate> all = new ArrayList<>();
                for (LocalDate day = month.atDay(1).with(TemporalAdjusters.nextOrSame(d.day()));
                        !day.isAfter(month.atEndOfMonth()); day = day.plusWeeks(1)) {
                    all.add(day);
                }
                if (d.ordinal() == 0) {
                    weekdays.addAll(all);
                } else {
                    int index = d.ordinal() > 0 ? d.ordinal() - 1 : all.size() + d.ordinal();
                    if (index >= 0 && index < all.size()) {
                        weekdays.add(all.get(index));
                    }
                }
            }
            if (byMonthDay.isEmpty()) {
                days = weekdays;
            } else {
                days.retainAll(weekdays);
            }
        }
        return new ArrayList<>(days);
    }

    private List<LocalDate> setPos(List<LocalDate> days) {
        if (bySetPos == null || days.isEmpty()) {
            return days;
        }
        int index = bySetPos > 0 ? bySetPos - 1 : days.size() + bySetPos;
        return index >= 0 && index < days.size() ? List.of(days.get(index)) : List.of();
    }

    /** Whether the rule ends before the series starts (no occurrence at all). */
    public boolean endsBefore(ZonedDateTime start) {
        LocalDate until = until(start.getZone());
        return until != null && until.isBefore(start.toLocalDate())
                || untilInstant != null && untilInstant.isBefore(start.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }
}
