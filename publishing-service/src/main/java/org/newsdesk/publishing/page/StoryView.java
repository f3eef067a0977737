package org.newsdesk.publishing.page;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.newsdesk.publishing.story.PublishedPhoto;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.web.time.OutletTime;

/**
 * A story as its page shows it. The text is still exactly what the moderator approved: escaping
 * it is the template's job, and doing it here too would print {@code &amp;amp;}.
 *
 * @param area        {@code null} rather than blank, so the template has one test for "none"
 * @param category    likewise
 * @param published   the date and time of publication, in the outlet's zone
 * @param corrections every public correction, oldest first, shown at the top of the story
 * @param arrived     when the resident's tip reached us; {@code null} when the decision did not say
 */
record StoryView(
        String slug,
        String headline,
        StoryListView.@Nullable Section area,
        StoryListView.@Nullable Section category,
        OutletTime.Shown published,
        OutletTime.@Nullable Shown updated,
        List<BodyBlock> body,
        List<Photo> photos,
        List<CorrectionNote> corrections,
        OutletTime.@Nullable Shown arrived) {

    /**
     * A correction as readers read it: "Corrected on 5 December 2026: the note" at the top, the
     * day with its weekday in the backstory.
     */
    record CorrectionNote(OutletTime.Shown day, OutletTime.Shown longDay, String note) {}

    /**
     * "How this story came to us" in a few plain sentences, for machines (schema.org
     * {@code backstory}); the page says the same in its own markup. Never who sent the tip.
     */
    String backstory() {
        StringBuilder text = new StringBuilder("This story began as a tip from a resident");
        if (arrived != null) {
            text.append(", sent to the newsroom on ").append(arrived.text());
        }
        text.append(". The newsroom checked it and published it on ")
                .append(published.text())
                .append(". We never say who sent a tip.");
        for (CorrectionNote correction : corrections) {
            text.append(" Corrected on ")
                    .append(correction.day().text())
                    .append(": ")
                    .append(correction.note().strip());
        }
        return text.toString();
    }

    /**
     * A photo as the page shows it: the copy for a phone-to-column-wide screen in {@code src}, and
     * every copy in {@code srcset} so the browser takes the one that fits its screen.
     *
     * @param alt     the image's alt text; empty when it would only repeat the caption printed
     *                under it (a photo published before moderators described photos), so a
     *                screen reader reads the caption once
     * @param caption {@code null} for none
     * @param credit  {@code Photo: Jane Smith}, or {@code Photo: a reader}
     */
    record Photo(
            String src,
            String srcset,
            int width,
            int height,
            String alt,
            @Nullable String caption,
            String credit) {

        static Photo of(PublishedPhoto photo, String headline) {
            PublishedPhoto.Variant shown = photo.upTo(1024);
            String srcset = photo.variants().stream()
                    .map(variant -> "/photos/" + variant.id() + " " + variant.width() + "w")
                    .collect(Collectors.joining(", "));
            String caption = photo.caption() == null || photo.caption().isBlank()
                    ? null
                    : photo.caption().strip();
            String alt = photo.alt(headline);
            return new Photo(
                    "/photos/" + shown.id(),
                    srcset,
                    shown.width(),
                    shown.height(),
                    alt.equals(caption) ? "" : alt,
                    caption,
                    photo.creditLine());
        }
    }

    static StoryView of(Story story, OutletTime time) {
        OutletTime.Shown updated =
                story.lastModified().isAfter(story.publishedAt()) ? time.dateTime(story.lastModified()) : null;
        return new StoryView(
                story.slug(),
                story.headline(),
                StoryListView.Section.of(story.area()),
                StoryListView.Section.of(story.category()),
                time.dateTime(story.publishedAt()),
                updated,
                BodyBlock.of(story.body()),
                story.photos().stream()
                        .map(photo -> Photo.of(photo, story.headline()))
                        .toList(),
                story.correctionsInOrder().stream()
                        .map(correction -> new CorrectionNote(
                                time.day(correction.at()),
                                time.longDay(correction.at()),
                                correction.note().strip()))
                        .toList(),
                story.submittedAt() == null ? null : time.dateTime(story.submittedAt()));
    }
}
