package org.newsdesk.moderation.tip;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.mongodb.core.query.Criteria;

/** Which waiting tips a moderator wants to see: all, or those of one area and/or one category. */
public record QueueFilter(String area, String category) {

    public static final QueueFilter ALL = new QueueFilter(null, null);

    public QueueFilter {
        area = area == null || area.isBlank() ? null : area.strip();
        category = category == null || category.isBlank() ? null : category.strip();
    }

    Criteria criteria() {
        Criteria criteria = where(ModeratedTips.STATE).is(TipState.PENDING);
        if (area != null) {
            criteria = criteria.and(ModeratedTips.AREA).is(area);
        }
        if (category != null) {
            criteria = criteria.and(ModeratedTips.CATEGORY).is(category);
        }
        return criteria;
    }
}
