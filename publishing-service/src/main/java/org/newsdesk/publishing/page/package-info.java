/**
 * The HTML pages for readers (the front page, a page per area, category and story, the search)
 * and the sitemap, rendered by Thymeleaf from the same read model and the same positions as the
 * JSON API. Everything on them was written by a resident, so the templates only ever print text
 * escaped ({@code th:text}, never {@code th:utext}).
 */
package org.newsdesk.publishing.page;
