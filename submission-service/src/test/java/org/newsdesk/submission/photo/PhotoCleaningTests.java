package org.newsdesk.submission.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** What becomes of a photo before anything is stored: pixels only, upright, or a refusal naming the file. */
class PhotoCleaningTests {

    private final PhotoCleaner photos = new PhotoCleaner(
            new PhotoProperties(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(25), 100_000_000L, 4096),
            new DecodingPool(1, 4),
            new SimpleMeterRegistry());

    @Test
    void aPhoneSPhotoLosesItsPositionCameraAndXmpAndComesOutUpright() throws IOException {
        // Given a photo a phone stored sideways, with GPS, camera and XMP metadata, which a library finds
        byte[] sent = PhotoFixtures.sidewaysJpegWithSecrets();
        assertThat(PhotoMetadata.directories(sent)).contains("ExifIFD0Directory", "GpsDirectory", "XmpDirectory");

        // When it is cleaned
        CleanPhoto clean = photos.cleanOne(new Upload("IMG_2041.jpg", sent));

        // Then nothing but the encoding is left
        assertThat(clean.contentType()).isEqualTo("image/jpeg");
        PhotoMetadata.assertNone(clean.bytes());
        // And it is upright: portrait, red above blue
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(image.getWidth()).isEqualTo(80).isEqualTo(clean.width());
        assertThat(image.getHeight()).isEqualTo(160).isEqualTo(clean.height());
        assertThat(isRed(image.getRGB(40, 30))).as("top is red").isTrue();
        assertThat(isBlue(image.getRGB(40, 130))).as("bottom is blue").isTrue();
    }

    @Test
    void everyOrientationComesOutTheWayItIsShown() {
        // Given the upright picture (red left, blue right) and, for each EXIF orientation, the
        // stored pixels that show as it when turned as that orientation says
        BufferedImage upright = PhotoFixtures.halves(60, 30);
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage stored = stored(upright, orientation);

            // When the orientation is applied
            BufferedImage shown = PhotoCleaner.upright(stored, orientation);

            // Then the picture is the upright one again
            assertThat(shown.getWidth()).as("orientation %d", orientation).isEqualTo(60);
            assertThat(shown.getHeight()).as("orientation %d", orientation).isEqualTo(30);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 60; x++) {
                    assertThat(shown.getRGB(x, y))
                            .as("orientation %d at %d,%d", orientation, x, y)
                            .isEqualTo(upright.getRGB(x, y));
                }
            }
        }
    }

    @Test
    void aPngStaysPngWithItsTransparencyAndNothingElse() throws IOException {
        // Given a PNG with transparency
        byte[] sent = PhotoFixtures.noisyPng(50, 40);

        // When it is cleaned
        CleanPhoto clean = photos.cleanOne(new Upload("drawing.png", sent));

        // Then it is a PNG of the same size, alpha kept, metadata none
        assertThat(clean.contentType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getWidth()).isEqualTo(50);
        PhotoMetadata.assertNone(clean.bytes());
    }

    @Test
    void aWebpBecomesJpegOrPngWhenItHasTransparency() throws IOException {
        // Given an opaque WebP and one with transparency
        // When they are cleaned
        CleanPhoto opaque = photos.cleanOne(new Upload("street.webp", PhotoFixtures.webp("halves.webp")));
        CleanPhoto seeThrough = photos.cleanOne(new Upload("logo.webp", PhotoFixtures.webp("halves-alpha.webp")));

        // Then the opaque one is a JPEG and the other a PNG, both the same picture, without metadata
        assertThat(opaque.contentType()).isEqualTo("image/jpeg");
        assertThat(seeThrough.contentType()).isEqualTo("image/png");
        for (CleanPhoto clean : List.of(opaque, seeThrough)) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(image.getHeight()).isEqualTo(32);
            assertThat(isRed(image.getRGB(10, 20))).isTrue();
            assertThat(isBlue(image.getRGB(54, 20))).isTrue();
            PhotoMetadata.assertNone(clean.bytes());
        }
        assertThat(ImageIO.read(new ByteArrayInputStream(seeThrough.bytes()))
                        .getColorModel()
                        .hasAlpha())
                .isTrue();
    }

    @Test
    void aWebpFromAPhoneLosesItsExifAndComesOutUpright() throws IOException {
        // Given the sideways photo with its secrets as a WebP (cwebp -metadata all), EXIF and XMP kept
        byte[] sent = PhotoFixtures.webp("sideways-with-gps.webp");
        assertThat(PhotoMetadata.directories(sent)).contains("ExifIFD0Directory", "GpsDirectory");

        // When it is cleaned
        CleanPhoto clean = photos.cleanOne(new Upload("IMG_2041.webp", sent));

        // Then it is a JPEG with nothing but its pixels, upright
        assertThat(clean.contentType()).isEqualTo("image/jpeg");
        PhotoMetadata.assertNone(clean.bytes());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertThat(image.getWidth()).isEqualTo(80);
        assertThat(image.getHeight()).isEqualTo(160);
        assertThat(isRed(image.getRGB(40, 30))).as("top is red").isTrue();
        assertThat(isBlue(image.getRGB(40, 130))).as("bottom is blue").isTrue();
    }

    @Test
    void aPageNamedLikeAPhotoIsRefusedByItsContent() {
        assertRefused(
                new Upload("holiday.jpg", PhotoFixtures.htmlPage()),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "“holiday.jpg” is not a photo we can take");
    }

    @Test
    void aPhotoCutShortIsRefused() {
        assertRefused(
                new Upload("half.jpg", PhotoFixtures.truncated(PhotoFixtures.noisyJpeg(400, 300), 0.6)),
                HttpStatus.BAD_REQUEST,
                "“half.jpg” could not be read as a photo");
        assertRefused(
                new Upload("half.png", PhotoFixtures.truncated(PhotoFixtures.noisyPng(300, 200), 0.6)),
                HttpStatus.BAD_REQUEST,
                "“half.png” could not be read as a photo");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = PhotoFixtures.pngBomb();
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertRefused(new Upload("tiny.png", bomb), HttpStatus.CONTENT_TOO_LARGE, "60000 × 60000 pixels");
    }

    @Test
    void stripsAShapeNoPhotoHasAreRefusedFromTheirHeaders() {
        // Given PNGs of a few hundred kilobytes that say they are strips of a single pixel, one of
        // them within the pixel limit, each with data a decoder would find cut short
        PhotoCleaner defaults = cleanerWith(new PhotoProperties(null, null, null, null, null));
        for (byte[] strip : List.of(
                PhotoFixtures.pngClaiming(1, 100_000_000),
                PhotoFixtures.pngClaiming(100_000_000, 1),
                PhotoFixtures.pngClaiming(40_000_000, 1),
                PhotoFixtures.pngClaiming(2001, 100))) {
            assertThat(strip.length).isLessThan(64 * 1024);

            // When it is cleaned
            // Then it is refused for its shape, from its header: the data was never decoded
            assertThatThrownBy(() -> defaults.cleanOne(new Upload("strip.png", strip)))
                    .isInstanceOfSatisfying(PhotoRefusedException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(refused.reason()).contains("“strip.png” says it is", "a shape no photo has");
                    });
        }
    }

    @Test
    void aPanoramaAsLongAndNarrowAsPhotosGetIsTaken() {
        // Given a photo twenty times as wide as it is high
        // When it is cleaned
        CleanPhoto clean = photos.cleanOne(new Upload("pier.jpg", PhotoFixtures.noisyJpeg(2000, 100)));

        // Then it is taken whole
        assertThat(clean.width()).isEqualTo(2000);
        assertThat(clean.height()).isEqualTo(100);
    }

    @Test
    void aPhotoOfMoreThanFiftyMegapixelsIsRefusedFromItsHeader() {
        // Given the default limits, and a JPEG of a few hundred bytes that says it is 9,000 × 9,000 pixels
        PhotoCleaner defaults = cleanerWith(new PhotoProperties(null, null, null, null, null));
        byte[] huge = PhotoFixtures.jpegClaiming(9000, 9000);

        // When it is cleaned
        // Then it is refused as larger than phones take, before anything is decoded
        assertThatThrownBy(() -> defaults.cleanOne(new Upload("huge.jpg", huge)))
                .isInstanceOfSatisfying(PhotoRefusedException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(refused.reason())
                            .contains("“huge.jpg” says it is 9000 × 9000 pixels, more than the "
                                    + "50 megapixels we take");
                });
    }

    @Test
    void aJpegOfNoPixelsCannotBeReadAsAPhoto() {
        assertRefused(
                new Upload("nothing.jpg", PhotoFixtures.jpegClaiming(0, 0)),
                HttpStatus.BAD_REQUEST,
                "“nothing.jpg” could not be read as a photo");
        assertRefused(
                new Upload("line.jpg", PhotoFixtures.jpegClaiming(64, 0)),
                HttpStatus.BAD_REQUEST,
                "“line.jpg” could not be read as a photo");
    }

    @Test
    void aPhotoLargerThanIsKeptIsDecodedNoLargerThanThat() {
        // Given photos are kept at most 100 pixels on their longest side
        PhotoCleaner small = cleanerWith(new PhotoProperties(null, null, null, null, 100));

        // When a photo of 400 × 300 is cleaned
        CleanPhoto clean = small.cleanOne(new Upload("market.jpg", PhotoFixtures.noisyJpeg(400, 300)));

        // Then it was decoded a quarter of the size, and is kept so
        assertThat(clean.width()).isEqualTo(100);
        assertThat(clean.height()).isEqualTo(75);
    }

    @Test
    void whileEveryDecoderIsBusyAPhotoIsRefusedAtOnceRatherThanQueuedWithoutEnd() {
        // Given one decoding thread, busy, and the one place in its queue taken
        DecodingPool pool = new DecodingPool(1, 1);
        PhotoCleaner busy =
                new PhotoCleaner(new PhotoProperties(null, null, null, null, null), pool, new SimpleMeterRegistry());
        try (BusyDecoders burst = new BusyDecoders(pool)) {
            // When a photo comes
            // Then it is turned away at once
            assertThatThrownBy(() -> busy.clean(List.of(new Upload("a.jpg", PhotoFixtures.noisyJpeg(10, 10))))
                            .block())
                    .isInstanceOf(RejectedExecutionException.class);
        }

        // And once the decoder is free again, a photo is taken
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(RejectedExecutionException.class)
                .untilAsserted(() -> assertThat(
                                busy.clean(List.of(new Upload("a.jpg", PhotoFixtures.noisyJpeg(10, 10))))
                                        .block(Duration.ofSeconds(30)))
                        .hasSize(1));
        pool.destroy();
    }

    @Test
    void tooLargeTooManyAndTooMuchAreRefusedBeforeAnythingIsDecoded() {
        byte[] eleven = PhotoFixtures.oversized(11 * 1024 * 1024);
        byte[] six = PhotoFixtures.oversized(6 * 1024 * 1024);
        byte[] small = PhotoFixtures.noisyJpeg(10, 10);

        assertThatThrownBy(() ->
                        photos.clean(List.of(new Upload("big.jpg", eleven))).block())
                .isInstanceOfSatisfying(PhotoRefusedException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(refused.reason()).contains("“big.jpg” is larger than 10 MB");
                });
        assertThatThrownBy(() -> photos.clean(List.of(
                                new Upload("a.jpg", six),
                                new Upload("b.jpg", six),
                                new Upload("c.jpg", six),
                                new Upload("d.jpg", six),
                                new Upload("e.jpg", six)))
                        .block())
                .isInstanceOfSatisfying(
                        PhotoRefusedException.class,
                        refused -> assertThat(refused.reason()).contains("add up to more than 25 MB"));
        assertThatThrownBy(() -> photos.clean(List.of(
                                new Upload("1.jpg", small),
                                new Upload("2.jpg", small),
                                new Upload("3.jpg", small),
                                new Upload("4.jpg", small),
                                new Upload("5.jpg", small),
                                new Upload("6.jpg", small)))
                        .block())
                .isInstanceOfSatisfying(
                        PhotoRefusedException.class,
                        refused -> assertThat(refused.reason()).contains("up to 5 photos"));
    }

    @Test
    void aFileNameIsShownWithoutItsFoldersOrControlCharacters() {
        assertThat(new Upload("C:\\Users\\angela\\Pictures\\bus\u0007.jpg", new byte[0]).shownName())
                .isEqualTo("“bus.jpg”");
        assertThat(new Upload("", new byte[0]).shownName()).isEqualTo("Your photo");
    }

    private static PhotoCleaner cleanerWith(PhotoProperties limits) {
        return new PhotoCleaner(limits, new DecodingPool(1, 4), new SimpleMeterRegistry());
    }

    private void assertRefused(Upload upload, HttpStatus status, String reason) {
        assertThatThrownBy(() -> photos.cleanOne(upload))
                .isInstanceOfSatisfying(PhotoRefusedException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(status);
                    assertThat(refused.reason()).contains(reason);
                });
    }

    /** The pixels a camera stores for {@code upright} when it tags them with {@code orientation}. */
    private static BufferedImage stored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean turned = orientation >= 5;
        BufferedImage stored = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < stored.getHeight(); sy++) {
            for (int sx = 0; sx < stored.getWidth(); sx++) {
                int sw = stored.getWidth();
                int sh = stored.getHeight();
                // Where stored pixel (sx, sy) is shown, per the EXIF specification
                int[] shown = switch (orientation) {
                    case 1 -> new int[] {sx, sy};
                    case 2 -> new int[] {sw - 1 - sx, sy};
                    case 3 -> new int[] {sw - 1 - sx, sh - 1 - sy};
                    case 4 -> new int[] {sx, sh - 1 - sy};
                    case 5 -> new int[] {sy, sx};
                    case 6 -> new int[] {sh - 1 - sy, sx};
                    case 7 -> new int[] {sh - 1 - sy, sw - 1 - sx};
                    case 8 -> new int[] {sy, sw - 1 - sx};
                    default -> throw new IllegalArgumentException();
                };
                stored.setRGB(sx, sy, upright.getRGB(shown[0], shown[1]));
            }
        }
        return stored;
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) < 60 && (rgb & 0xFF) < 60;
    }

    private static boolean isBlue(int rgb) {
        return ((rgb >> 16) & 0xFF) < 60 && ((rgb >> 8) & 0xFF) < 60 && (rgb & 0xFF) > 200;
    }
}
