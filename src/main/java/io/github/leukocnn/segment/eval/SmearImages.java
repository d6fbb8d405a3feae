package io.github.leukocnn.segment.eval;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ij.process.ColorProcessor;

/** Reading the evaluation data (JPEG, BMP, PNG) headlessly through ImageIO. */
public final class SmearImages {

	private SmearImages() {}

	public static ColorProcessor readRgb(Path file) throws IOException {
		BufferedImage img = ImageIO.read(file.toFile());
		if (img == null) throw new IOException("not a readable image (JPEG, PNG, BMP, GIF): " + file);
		int w = img.getWidth(), h = img.getHeight();
		return new ColorProcessor(w, h, img.getRGB(0, 0, w, h, null, 0, w));
	}

	/** First band of a grey (or indexed) image as 0..255 values. */
	public static int[] readGrey(Path file, int[] size) throws IOException {
		BufferedImage img = ImageIO.read(file.toFile());
		if (img == null) throw new IOException("not a readable image: " + file);
		Raster r = img.getRaster();
		size[0] = img.getWidth();
		size[1] = img.getHeight();
		return r.getSamples(0, 0, size[0], size[1], 0, new int[size[0] * size[1]]);
	}
}
