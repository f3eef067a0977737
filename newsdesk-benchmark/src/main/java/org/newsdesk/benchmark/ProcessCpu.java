package org.newsdesk.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The CPU a process and all its descendants have used so far, from {@code /proc/<pid>/stat} (Linux). */
final class ProcessCpu {

    /** USER_HZ: what {@code /proc} counts CPU time in; 100 on every Linux that ships today. */
    private static final double MILLIS_PER_TICK = 10;

    private ProcessCpu() {}

    /** utime + stime of {@code pid} and its descendants, in ms; 0 where there is no {@code /proc}. */
    static double millis(long pid) {
        Map<Long, long[]> stats = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(path -> path.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long[] stat = stat(process.resolve("stat"));
                if (stat != null) {
                    stats.put(Long.parseLong(process.getFileName().toString()), stat);
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        long ticks = 0;
        Deque<Long> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            long current = todo.pop();
            long[] stat = stats.get(current);
            if (stat != null) {
                ticks += stat[1];
            }
            stats.forEach((child, childStat) -> {
                if (childStat[0] == current) {
                    todo.push(child);
                }
            });
        }
        return ticks * MILLIS_PER_TICK;
    }

    /** @return {ppid, utime + stime}, or {@code null} for a process that ended meanwhile */
    private static long[] stat(Path file) {
        try {
            String stat = Files.readString(file);
            // The command name (field 2) may hold spaces and parentheses: count from its closing one.
            String[] field = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(field[1]), Long.parseLong(field[11]) + Long.parseLong(field[12])};
        } catch (IOException | RuntimeException ended) {
            return null;
        }
    }
}
