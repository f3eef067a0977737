package org.newsdesk.publishing.copies;

import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryQuery;
import org.newsdesk.publishing.story.StoryWritten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refreshes this instance's copies after each story write it makes itself: a decision, a
 * correction or a retraction handled by its listeners (or a rebuild). What other instances wrote
 * reaches it through {@link OtherInstancesStoryEvents}.
 */
@Component
class StoryChanges {

    private final RenderedCopies copies;

    StoryChanges(RenderedCopies copies) {
        this.copies = copies;
    }

    @EventListener
    void on(StoryWritten written) {
        copies.refresh(of(written.story(), written.act()), "store-write");
    }

    /** What readers may see differently once the act is stored, as it now is (null: not yet here). */
    static StoryChange of(@Nullable Story story, StoryWritten.Act act) {
        if (story == null) {
            // A correction or retraction before its story changes no list; the column notes it.
            return new StoryChange(null, null, null, false, act != StoryWritten.Act.DECIDED);
        }
        String area = StoryQuery.key(story.area());
        String category = StoryQuery.key(story.category());
        return switch (act) {
            // A story decided again (revision 2 and on) may have moved from another area or category,
            // which the stored story no longer names: every list then. Corrections and withdrawals
            // applied on its arrival are in the column.
            case DECIDED ->
                new StoryChange(
                        story.slug(),
                        area,
                        category,
                        story.revision() > 1 || story.retracted(),
                        !story.corrections().isEmpty() || story.retracted());
            case CORRECTED -> new StoryChange(story.slug(), area, category, story.retracted(), true);
            // Every list's Last-Modified is the newest withdrawal's at least (StoryPage), so all change.
            case RETRACTED -> new StoryChange(story.slug(), area, category, true, true);
        };
    }
}
