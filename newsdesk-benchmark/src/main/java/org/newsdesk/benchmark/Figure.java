package org.newsdesk.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One measured figure of a scenario at one size, as a line of a results file: a load at a fixed
 * rate (achieved rate, answers by status, latency percentiles in ms), or a latency taken from the
 * records (rates zero, statuses the samples), or a single value ({@code value} in {@code p50}).
 *
 * @param baselines the names of the figures, in the same group and size, it is compared with
 */
record Figure(
        String size,
        String group,
        String name,
        double offered,
        double achieved,
        Map<String, Long> statuses,
        double p50,
        double p90,
        double p99,
        double p999,
        double max,
        List<String> baselines) {

    static Figure of(
            String group, String name, double offered, double achieved, Map<String, Long> statuses, Histogram micros) {
        return new Figure(
                "",
                group,
                name,
                offered,
                achieved,
                statuses,
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0,
                List.of());
    }

    /** A single value, such as CPU per tip or the time to start. */
    static Figure value(String group, String name, double value) {
        return new Figure("", group, name, 0, 0, Map.of(), value, value, value, value, value, List.of());
    }

    Figure at(String size) {
        return new Figure(size, group, name, offered, achieved, statuses, p50, p90, p99, p999, max, baselines);
    }

    Figure against(String... names) {
        return new Figure(size, group, name, offered, achieved, statuses, p50, p90, p99, p999, max, List.of(names));
    }

    /** A single value rather than a distribution. */
    boolean single() {
        return statuses.isEmpty();
    }

    String line() {
        List<String> byStatus = new ArrayList<>();
        statuses.forEach((status, count) -> byStatus.add(status + "=" + count));
        return String.join(
                "\t",
                size,
                group,
                name,
                Double.toString(offered),
                Double.toString(achieved),
                String.join(",", byStatus),
                Double.toString(p50),
                Double.toString(p90),
                Double.toString(p99),
                Double.toString(p999),
                Double.toString(max),
                String.join(",", baselines));
    }

    static Figure parse(String line) {
        String[] field = line.split("\t", -1);
        Map<String, Long> statuses = new TreeMap<>();
        for (String pair : field[5].split(",")) {
            if (!pair.isEmpty()) {
                String[] status = pair.split("=", 2);
                statuses.put(status[0], Long.parseLong(status[1]));
            }
        }
        return new Figure(
                field[0],
                field[1],
                field[2],
                Double.parseDouble(field[3]),
                Double.parseDouble(field[4]),
                statuses,
                Double.parseDouble(field[6]),
                Double.parseDouble(field[7]),
                Double.parseDouble(field[8]),
                Double.parseDouble(field[9]),
                Double.parseDouble(field[10]),
                field[11].isEmpty() ? List.of() : List.of(field[11].split(",")));
    }
}
