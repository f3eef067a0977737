package org.newsdesk.publishing.page;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One block of a story's body on its page: a paragraph, or a bulleted list. Residents and
 * moderators write plain text, where a line break starts a new paragraph and lines starting
 * with a bullet ({@code •}, {@code -}, {@code *}) make a list, as in the outlet's own stories.
 * The text stays as written: the template escapes it.
 *
 * @param paragraph the paragraph's text, or {@code null} when the block is a list
 * @param bullets   the list's items, empty when the block is a paragraph
 */
record BodyBlock(@Nullable String paragraph, List<String> bullets) {

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    /** A bullet character followed by a space; a hyphen without a space is a word, not a bullet. */
    private static final Pattern BULLET = Pattern.compile("^[•\\-*–]\\s+");

    BodyBlock {
        bullets = List.copyOf(bullets);
    }

    static List<BodyBlock> of(String body) {
        List<BodyBlock> blocks = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        for (String line : LINE_BREAK.split(body == null ? "" : body)) {
            String text = line.strip();
            var bullet = BULLET.matcher(text);
            if (bullet.find()) {
                bullets.add(text.substring(bullet.end()));
                continue;
            }
            if (text.isEmpty()) {
                // A blank line between two bullets does not split their list.
                continue;
            }
            if (!bullets.isEmpty()) {
                blocks.add(new BodyBlock(null, bullets));
                bullets.clear();
            }
            blocks.add(new BodyBlock(text, List.of()));
        }
        if (!bullets.isEmpty()) {
            blocks.add(new BodyBlock(null, bullets));
        }
        return blocks;
    }
}
