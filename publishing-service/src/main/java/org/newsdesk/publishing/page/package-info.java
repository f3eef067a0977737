/**
 * The HTML pages for readers: the front page and a page per story, rendered by Thymeleaf from
 * the same read model and the same cursors as the JSON API. Everything on them was written by a
 * resident, so the templates only ever print text escaped ({@code th:text}, never
 * {@code th:utext}).
 */
package org.newsdesk.publishing.page;
