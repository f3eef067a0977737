package org.newsdesk.benchmark;

import java.util.Map;
import java.util.TreeMap;

/** {@code name=value} command-line settings over defaults; an unknown name ends the run with usage. */
final class Arguments {

    private Arguments() {}

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> settings = new TreeMap<>(defaults);
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                System.err.println("Unknown argument " + arg + "; known: " + settings.keySet());
                System.exit(2);
            }
            settings.put(pair[0], pair[1]);
        }
        return settings;
    }
}
