package org.newsdesk.web.paging;

/**
 * A place in a paged list, handed to clients as an opaque {@link PageCursor} token. A type that
 * implements it, and has a {@code static valueOf(String cursor)} that throws
 * {@link IllegalArgumentException} for a token it did not make, can be bound straight from a
 * {@code cursor} query parameter; a token that is not one is answered with the same field problem
 * ({@link PageCursor#NOT_OURS}) in every API.
 */
public interface PagePosition {

    /** The token that stands for this position: what a page's {@code next} holds. */
    String cursor();
}
