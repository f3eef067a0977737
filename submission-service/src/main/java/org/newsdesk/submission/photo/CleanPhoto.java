package org.newsdesk.submission.photo;

/** A photo's pixels and nothing else, encoded afresh. */
public record CleanPhoto(byte[] bytes, String contentType, int width, int height) {}
