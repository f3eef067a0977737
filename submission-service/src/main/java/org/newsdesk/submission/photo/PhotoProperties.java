package org.newsdesk.submission.photo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on residents' photos, under {@code newsdesk.submission.photos}. The form states them.
 *
 * @param maxCount    photos one tip may carry
 * @param maxSize     largest photo file accepted
 * @param maxTipSize  largest all of one tip's photo files together
 * @param maxPixels   most pixels a photo's header may announce: a small file can announce a huge
 *                    image (a decompression bomb), so this is checked before anything is decoded.
 *                    The default, 8192 × 6144, is the largest photo a 50-megapixel phone camera
 *                    takes, the most pixels any phone gives unless asked for more
 * @param longestSide photos are kept at most this many pixels wide or high, more than any page
 *                    shows, so that a decoded photo never takes more memory than that
 */
@ConfigurationProperties("newsdesk.submission.photos")
public record PhotoProperties(
        Integer maxCount, DataSize maxSize, DataSize maxTipSize, Long maxPixels, Integer longestSide) {

    public PhotoProperties {
        maxCount = maxCount == null ? 5 : maxCount;
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        maxTipSize = maxTipSize == null ? DataSize.ofMegabytes(25) : maxTipSize;
        maxPixels = maxPixels == null ? 8192L * 6144 : maxPixels;
        longestSide = longestSide == null ? 4096 : longestSide;
    }

    /** The per-photo limit in whole megabytes, as the form states it. */
    public long maxSizeMegabytes() {
        return maxSize.toMegabytes();
    }

    /** The pixel limit in whole megapixels, as the form and a refusal state it. */
    public long maxMegapixels() {
        return maxPixels / 1_000_000;
    }

    /**
     * The largest multipart request taken: every photo a tip may have, and its text.
     *
     * @param textLimit the largest request without photos
     */
    public long multipartLimit(DataSize textLimit) {
        return maxTipSize.toBytes() + textLimit.toBytes();
    }
}
