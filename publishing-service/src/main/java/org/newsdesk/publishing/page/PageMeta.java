package org.newsdesk.publishing.page;

import org.jspecify.annotations.Nullable;

/**
 * What a page says about itself in its head, so that a shared link previews well and search
 * engines and feed readers find their way: the title, a description, the one address the page
 * is known by, its Atom feed, and for a story its date and picture.
 *
 * @param title        the page's own title; the layout adds the outlet's name
 * @param canonicalUrl absolute, without the paging cursor of list pages after the first
 * @param feedUrl      absolute address of the Atom feed of what this page lists
 * @param type         Open Graph type: {@code article} for a story, {@code website} otherwise
 */
record PageMeta(
        String title,
        String description,
        String canonicalUrl,
        String feedUrl,
        String feedTitle,
        String type,
        @Nullable String publishedIso,
        @Nullable Image image) {

    /** An absolute picture address for link previews, with its size and text. */
    record Image(String url, int width, int height, String alt) {}

    static PageMeta website(String title, String description, String canonicalUrl, String feedUrl, String feedTitle) {
        return new PageMeta(title, description, canonicalUrl, feedUrl, feedTitle, "website", null, null);
    }

    /** A description cut to what previews show (about 160 characters), between words. */
    static String summary(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= 160) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', 157);
        return flat.substring(0, cut > 80 ? cut : 157).strip() + "…";
    }
}
