/**
 * Rendered copies: the bytes of the readers' pages, feeds and stories API, made once and served
 * to every reader until a story event changes what they show
 * ({@link org.newsdesk.publishing.copies.RenderedCopies}), so a story that goes viral costs a
 * memory read per reader rather than a store read and a rendering.
 */
package org.newsdesk.publishing.copies;
