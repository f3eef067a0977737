package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.newsdesk.events.TipDecided;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Which undecided tips a moderator wants to see: those waiting, those on hold, or both; of any
 * area and category, or of one, or of none of the listed ones.
 */
public record QueueFilter(Standing standing, Choice area, Choice category) {

    /** Every undecided tip, waiting or on hold, as the API has always listed them. */
    public static final QueueFilter ALL = new QueueFilter(Standing.ANY, Choice.ANY, Choice.ANY);

    public QueueFilter {
        standing = standing == null ? Standing.ANY : standing;
        area = area == null ? Choice.ANY : area;
        category = category == null ? Choice.ANY : category;
    }

    /** Where an undecided tip stands: waiting for a first decision, or put on hold by a moderator. */
    public enum Standing {
        ANY,
        WAITING,
        HELD;

        boolean admits(boolean held) {
            return this == ANY || (this == HELD) == held;
        }
    }

    /**
     * One filter's choice: any value; one value, whatever its case (old links and API clients
     * typed it by hand); or none of the listed values, which takes in tips that gave none.
     */
    public record Choice(String is, List<String> noneOf) {

        public static final Choice ANY = new Choice(null, null);

        public Choice {
            is = is == null || is.isBlank() ? null : is.strip();
            noneOf = noneOf == null ? null : List.copyOf(noneOf);
        }

        public static Choice is(String value) {
            return new Choice(value, null);
        }

        public static Choice noneOf(List<String> values) {
            return new Choice(null, values);
        }

        boolean matches(String value) {
            if (is != null) {
                return is.equalsIgnoreCase(value);
            }
            return noneOf == null || value == null || noneOf.stream().noneMatch(value::equalsIgnoreCase);
        }

        /** The same test for MongoDB: an anchored regular expression that ignores case, of quoted values. */
        Criteria on(Criteria criteria, String field) {
            if (is != null) {
                return criteria.and(field).regex("^" + Pattern.quote(is) + "$", "i");
            }
            if (noneOf != null && !noneOf.isEmpty()) {
                String any = noneOf.stream().map(Pattern::quote).collect(Collectors.joining("|", "^(?:", ")$"));
                return criteria.and(field).not().regex(Pattern.compile(any, Pattern.CASE_INSENSITIVE));
            }
            return criteria;
        }
    }

    boolean matches(boolean held, String tipArea, String tipCategory) {
        return standing.admits(held) && area.matches(tipArea) && category.matches(tipCategory);
    }

    Criteria criteria() {
        Criteria criteria = where(ModeratedTips.STATE).is(TipState.PENDING);
        if (standing == Standing.WAITING) {
            criteria = criteria.and(ModeratedTips.DECISION_OUTCOME).ne(TipDecided.Outcome.HELD);
        } else if (standing == Standing.HELD) {
            criteria = criteria.and(ModeratedTips.DECISION_OUTCOME).is(TipDecided.Outcome.HELD);
        }
        return category.on(area.on(criteria, ModeratedTips.AREA), ModeratedTips.CATEGORY);
    }
}
