package org.newsdesk.moderation.record;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;

/**
 * The record as a spreadsheet reads it: RFC 4180 (CRLF line ends, fields quoted where needed, by
 * Commons CSV), UTF-8 with a byte order mark so that Excel does not take it for another encoding,
 * and every cell that a spreadsheet would run as a formula neutralised (OWASP's CSV injection
 * advice: a cell that starts with {@code = + - @}, a tab or a carriage return gets a leading {@code '}).
 */
final class AuditCsv {

    static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final String LINE_END = "\r\n";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final Function<String, String> displayNames;

    AuditCsv(ZoneId zone, Function<String, String> displayNames) {
        this.zone = zone;
        this.displayNames = displayNames;
    }

    /** The first line: the byte order mark and the columns' names. */
    String header() {
        return BYTE_ORDER_MARK
                + FORMAT.format(
                        "When (" + zone.getId() + ")", "When (UTC)", "Account", "Name", "Act", "Tip", "Detail", "Event")
                + LINE_END;
    }

    String line(EditorialAct act) {
        return FORMAT.format(
                        cell(LOCAL.format(act.at().atZone(zone))),
                        cell(act.at().toString()),
                        cell(act.actor()),
                        cell(act.actor() == null ? null : displayNames.apply(act.actor())),
                        cell(ActWording.of(act.act())),
                        cell(act.tipId()),
                        cell(act.detail()),
                        cell(act.eventId()))
                + LINE_END;
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
