package io.github.leukocnn.segment.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.Segmentation;

/** Review images: the RGB field with cell outlines in green and nucleus outlines in yellow. */
public final class Overlays {

	private Overlays() {}

	public static ColorProcessor draw(ColorProcessor cp, Segmentation s) {
		int w = cp.getWidth(), h = cp.getHeight();
		int[] px = ((int[]) cp.getPixels()).clone();
		outline(s.cellPixels(), px, w, h, 0xff00ff00);
		outline(s.nucleusPixels(), px, w, h, 0xffffff00);
		return new ColorProcessor(w, h, px);
	}

	private static void outline(short[] labels, int[] px, int w, int h, int colour) {
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x, l = labels[i];
				if (l == 0) continue;
				boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || labels[i - 1] != l || labels[i + 1] != l ||
					labels[i - w] != l || labels[i + w] != l;
				if (edge) px[i] = colour;
			}
	}

	public static void writePng(ColorProcessor cp, Path file) throws IOException {
		int w = cp.getWidth(), h = cp.getHeight();
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		img.setRGB(0, 0, w, h, (int[]) cp.getPixels(), 0, w);
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer");
		java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
