package io.github.leukocnn.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Lossless PNG files of RGB or 8-bit images (overlays, crops, sample smears), written atomically. */
public final class PngWriter {

	private PngWriter() {}

	public static void write(Path target, boolean overwrite, ImageProcessor ip) throws IOException {
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			write(group, target, ip);
			group.commit();
		}
	}

	public static void write(AtomicFiles.Group group, Path target, ImageProcessor ip) throws IOException {
		BufferedImage image = toBufferedImage(ip);
		group.write(target, out -> {
			if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG encoder available");
		});
	}

	/** RGB stays RGB (alpha dropped); 8-bit with a grey LUT becomes a grey PNG; others are converted to RGB. */
	static BufferedImage toBufferedImage(ImageProcessor ip) {
		int w = ip.getWidth(), h = ip.getHeight();
		if (ip instanceof ByteProcessor bp && !bp.isColorLut() && !bp.isInvertedLut()) {
			BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
			bi.getRaster().setDataElements(0, 0, w, h, bp.getPixels());
			return bi;
		}
		ColorProcessor cp = ip instanceof ColorProcessor c ? c : (ColorProcessor) ip.convertToRGB();
		BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		bi.getRaster().setDataElements(0, 0, w, h, cp.getPixels());
		return bi;
	}
}
