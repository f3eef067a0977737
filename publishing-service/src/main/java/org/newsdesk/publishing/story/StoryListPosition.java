package org.newsdesk.publishing.story;

import org.newsdesk.web.paging.PagePosition;

/**
 * A place in a list of stories, in either of its orders: newest first ({@link StoryPosition}) or,
 * for a search, best match first ({@link SearchPosition}). What the stories API's {@code cursor}
 * is bound to; which order it belongs to is the query's to check.
 */
sealed interface StoryListPosition extends PagePosition permits StoryPosition, SearchPosition {

    /** The id of the story at this place. */
    String id();

    /**
     * The position a cursor of either kind stands for; {@code null} for none (the first page).
     *
     * @throws IllegalArgumentException for a token that is no cursor this service handed out
     */
    static StoryListPosition valueOf(String cursor) {
        try {
            return StoryPosition.valueOf(cursor);
        } catch (IllegalArgumentException notNewestFirst) {
            return SearchPosition.valueOf(cursor);
        }
    }
}
