package org.newsdesk.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's Markdown report from its results file: the machine, the sizes side by side, then
 * every figure of each size with its ratios to its baselines measured in the same run.
 *
 * <pre>java -jar newsdesk-benchmark.jar report [results=FILE] [out=FILE] [commit=unknown]</pre>
 */
final class Report {

    static final String TITLE = "# Newsdesk benchmark";
    static final String MACHINE = "## Machine";
    static final String SIDE_BY_SIDE = "## The sizes side by side";

    private static final List<String> GROUPS = List.of(
            Benchmark.START,
            Benchmark.INGEST,
            Benchmark.CPU,
            Benchmark.PIPELINE,
            Benchmark.MODERATION,
            Benchmark.READS);

    private Report() {}

    static void main(String[] args) throws IOException {
        Map<String, String> settings = Arguments.parse(
                args,
                Map.of(
                        "results", "newsdesk-benchmark/target/benchmark/results.tsv",
                        "out", "newsdesk-benchmark/target/benchmark-report.md",
                        "commit", "unknown"));
        Path out = Path.of(settings.get("out"));
        Files.writeString(out, render(read(Path.of(settings.get("results"))), settings.get("commit")));
        System.out.println("Report written to " + out.toAbsolutePath());
    }

    static List<Figure> read(Path results) throws IOException {
        return Files.readAllLines(results, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(Figure::parse)
                .toList();
    }

    static String render(List<Figure> figures, String commit) {
        StringBuilder report = new StringBuilder(TITLE + "\n\n");
        report.append("Open-model load at fixed arrival rates; latency from each request's intended start")
                .append(" (coordinated-omission safe), HdrHistogram percentiles in ms. Ratios are to baselines")
                .append(" measured in the same run on the same broker and store: for rates, Newsdesk / baseline")
                .append(" (higher is better); for latencies, Newsdesk / baseline (lower is better). The machine")
                .append(" may be shared and noisy: compare ratios, not absolute figures.\n\n");
        machine(report, commit);
        Set<String> sizes = new LinkedHashSet<>();
        figures.forEach(figure -> sizes.add(figure.size()));
        if (sizes.size() > 1) {
            sideBySide(report, figures, List.copyOf(sizes));
        }
        for (String size : sizes) {
            report.append("## ").append(size).append("\n\n");
            for (String group : GROUPS) {
                List<Figure> inGroup = figures.stream()
                        .filter(figure ->
                                figure.size().equals(size) && figure.group().equals(group))
                        .toList();
                if (!inGroup.isEmpty()) {
                    group(report, group, inGroup);
                }
            }
        }
        return report.toString();
    }

    private static void machine(StringBuilder report, String commit) {
        report.append(MACHINE)
                .append("\n\n| cores | memory | JDK | OS | date | commit |\n| --- | --- | --- | --- | --- | --- |\n");
        report.append(String.format(
                Locale.ROOT,
                "| %d | %s | %s %s (%s) | %s %s %s | %s | %s |%n%n",
                Runtime.getRuntime().availableProcessors(),
                memory(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                osName(),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                commit));
    }

    private static void sideBySide(StringBuilder report, List<Figure> figures, List<String> sizes) {
        report.append(SIDE_BY_SIDE).append("\n\n| figure |");
        sizes.forEach(size -> report.append(' ').append(size).append(": achieved/s, p50, p99 |"));
        report.append(" last / first, p99 |\n| --- |");
        sizes.forEach(size -> report.append(" --- |"));
        report.append(" --- |\n");
        Map<String, List<Figure>> byFigure = new LinkedHashMap<>();
        for (String group : GROUPS) {
            figures.stream()
                    .filter(figure -> figure.group().equals(group))
                    .forEach(figure -> byFigure.computeIfAbsent(
                                    key(figure),
                                    key -> new ArrayList<>(sizes.stream()
                                            .map(size -> (Figure) null)
                                            .toList()))
                            .set(sizes.indexOf(figure.size()), figure));
        }
        byFigure.forEach((key, atSizes) -> {
            report.append("| ").append(key).append(" |");
            atSizes.forEach(figure -> report.append(' ')
                    .append(figure == null ? "" : brief(figure))
                    .append(" |"));
            Figure first = atSizes.get(0);
            Figure last = atSizes.get(atSizes.size() - 1);
            report.append(' ')
                    .append(first == null || last == null ? "" : ratio(last.p99(), first.p99()))
                    .append(" |\n");
        });
        report.append('\n');
    }

    private static void group(StringBuilder report, String group, List<Figure> figures) {
        report.append("### ").append(group).append("\n\n");
        List<Figure> values = figures.stream().filter(Figure::single).toList();
        if (!values.isEmpty()) {
            report.append("| figure | value |\n| --- | --- |\n");
            values.forEach(figure -> report.append("| ")
                    .append(figure.name())
                    .append(" | ")
                    .append(millis(figure.p50()))
                    .append(" |\n"));
            report.append('\n');
        }
        if (values.size() == figures.size()) {
            return;
        }
        report.append(
                "| figure | offered/s | achieved/s | answers | p50 | p90 | p99 | p99.9 | max | against its baselines |\n");
        report.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Figure figure : figures.stream().filter(figure -> !figure.single()).toList()) {
            List<String> ratios = new ArrayList<>();
            for (String name : figure.baselines()) {
                baseline(figures, figure, name)
                        .ifPresent(baseline -> ratios.add(String.format(
                                Locale.ROOT,
                                "%s: rate %s, p50 %s, p99 %s",
                                name,
                                ratio(figure.achieved(), baseline.achieved()),
                                ratio(figure.p50(), baseline.p50()),
                                ratio(figure.p99(), baseline.p99()))));
            }
            List<String> answers = new ArrayList<>();
            figure.statuses().forEach((status, count) -> answers.add(status + " " + count));
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |%n",
                    figure.name(),
                    Benchmark.format(figure.offered()),
                    figure.achieved(),
                    String.join(", ", answers),
                    millis(figure.p50()),
                    millis(figure.p90()),
                    millis(figure.p99()),
                    millis(figure.p999()),
                    millis(figure.max()),
                    String.join("; ", ratios)));
        }
        report.append('\n');
    }

    private static Optional<Figure> baseline(List<Figure> figures, Figure figure, String name) {
        return figures.stream()
                .filter(candidate -> candidate.name().equals(name) && candidate.offered() == figure.offered())
                .findFirst();
    }

    private static String key(Figure figure) {
        return figure.offered() == 0
                ? figure.name()
                : figure.name() + " at " + Benchmark.format(figure.offered()) + "/s";
    }

    private static String brief(Figure figure) {
        if (figure.single()) {
            return millis(figure.p50());
        }
        return String.format(
                Locale.ROOT, "%.1f, %s, %s", figure.achieved(), millis(figure.p50()), millis(figure.p99()));
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }

    private static String ratio(double value, double baseline) {
        return baseline == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", value / baseline);
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024.0)
                    .map(gib -> String.format(Locale.ROOT, "%.1f GiB", gib))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static String osName() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(line -> line.startsWith("PRETTY_NAME="))
                    .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(System.getProperty("os.name"));
        } catch (IOException | RuntimeException unknown) {
            return System.getProperty("os.name");
        }
    }
}
