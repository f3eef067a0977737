package org.newsdesk.submission.photo;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes residents' photos in: only real JPEG, PNG and WebP images, within the size limits, and
 * each one stripped of everything but its pixels before it is stored anywhere.
 *
 * <p>Stripping is done by decoding the pixels and encoding them afresh: whatever a phone or camera
 * wrote beside the pixels (EXIF with GPS position and serial numbers, XMP, IPTC, maker notes,
 * embedded thumbnails, colour profiles, comments) is simply never copied. The EXIF orientation is
 * read first and applied to the pixels, so the photo stays upright once the tag is gone.
 *
 * <p>Decoding is where a hostile file does harm: {@link PhotoDecoder} checks what a file announces
 * before it decodes it, and decoding runs on the few threads of the {@link DecodingPool}.
 */
@Component
public class PhotoCleaner {

    private static final float JPEG_QUALITY = 0.9f;

    private final PhotoProperties limits;
    private final PhotoDecoder decoder;
    private final DecodingPool decoding;
    private final PhotoCount count;

    PhotoCleaner(PhotoProperties limits, DecodingPool decoding, MeterRegistry registry) {
        this.limits = limits;
        this.decoder = new PhotoDecoder(limits);
        this.decoding = decoding;
        this.count = new PhotoCount(registry);
    }

    /**
     * Checks the photos against the limits and cleans each one, or fails with a
     * {@link PhotoRefusedException} naming the first file refused, or with a
     * {@link RejectedExecutionException} while every decoding thread is taken. Nothing is stored here.
     */
    public Mono<List<CleanPhoto>> clean(List<Upload> uploads) {
        return checkAndClean(uploads)
                .doOnNext(count::cleaned)
                .doOnError(PhotoRefusedException.class, count::refused)
                .doOnError(RejectedExecutionException.class, busy -> count.busy());
    }

    private Mono<List<CleanPhoto>> checkAndClean(List<Upload> uploads) {
        if (uploads.size() > limits.maxCount()) {
            return Mono.error(new PhotoRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "You can send up to " + limits.maxCount() + " photos with a tip; you chose " + uploads.size()
                            + "."));
        }
        long total = uploads.stream().mapToLong(upload -> upload.bytes().length).sum();
        for (Upload upload : uploads) {
            if (upload.bytes().length > limits.maxSize().toBytes()) {
                return Mono.error(new PhotoRefusedException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        upload.shownName() + " is larger than "
                                + megabytes(limits.maxSize().toBytes()) + ". Please send a smaller copy."));
            }
        }
        if (total > limits.maxTipSize().toBytes()) {
            return Mono.error(new PhotoRefusedException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Your photos add up to more than "
                            + megabytes(limits.maxTipSize().toBytes()) + ". Please send fewer or smaller photos."));
        }
        return Flux.fromIterable(uploads)
                .concatMap(upload -> decoding.run(() -> cleanOne(upload)))
                .collectList();
    }

    CleanPhoto cleanOne(Upload upload) {
        byte[] bytes = upload.bytes();
        PhotoFormat format = PhotoFormat.of(bytes);
        if (format == null) {
            throw new PhotoRefusedException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    upload.shownName() + " is not a photo we can take. Please send JPEG, PNG or WebP photos.");
        }
        BufferedImage decoded = decoder.decode(upload, format);
        // Asked of the decoded pixels: turning an image of an unusual type gives one with an alpha channel.
        boolean transparent = decoded.getColorModel().hasAlpha();
        return encode(upright(decoded, orientation(bytes, format)), format, transparent);
    }

    /**
     * The EXIF orientation (1 to 8), or 1 where there is none or it cannot be read. Only the EXIF
     * of JPEG and WebP is read, with readers that decompress nothing: PNG text chunks may be
     * compressed (a bomb of their own), and PNGs from phones carry no orientation.
     */
    static int orientation(byte[] bytes, PhotoFormat format) {
        try {
            Metadata metadata = switch (format) {
                case JPEG ->
                    JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()));
                case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                case PNG -> null;
            };
            ExifIFD0Directory exif =
                    metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        } catch (Exception unreadable) {
            // Metadata we cannot read is metadata we drop anyway; the photo keeps its stored orientation.
        }
        return 1;
    }

    /** The pixels turned, and mirrored where it says so, as EXIF orientation {@code orientation} shows them. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        return ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation))
                .apply(image);
    }

    /**
     * The pixels alone, as a new file. JPEG stays JPEG and PNG stays PNG. WebP becomes PNG when it
     * has transparency and JPEG when not: ImageIO (and TwelveMonkeys) can read WebP but not write it,
     * and every browser shows JPEG and PNG.
     */
    private static CleanPhoto encode(BufferedImage image, PhotoFormat format, boolean transparent) {
        boolean png = format == PhotoFormat.PNG || (format == PhotoFormat.WEBP && transparent);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (png) {
                ImageIO.write(image, "png", out);
                return new CleanPhoto(out.toByteArray(), "image/png", image.getWidth(), image.getHeight());
            }
            BufferedImage opaque = image.getType() == BufferedImage.TYPE_INT_RGB ? image : opaque(image);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                // No metadata of our own either: the image alone.
                writer.write(null, new IIOImage(opaque, null, null), param);
            } finally {
                writer.dispose();
            }
            return new CleanPhoto(out.toByteArray(), "image/jpeg", opaque.getWidth(), opaque.getHeight());
        } catch (IOException ex) {
            throw new UncheckedIOException("Encoding into memory cannot fail for want of space", ex);
        }
    }

    /** Plain RGB, as JPEG takes it: transparency over white, as a page would show it. */
    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }
}
