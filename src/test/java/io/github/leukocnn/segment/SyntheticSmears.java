package io.github.leukocnn.segment;

import java.util.Random;

import ij.process.ColorProcessor;

/** Small drawn smear images for tests: background, red cells, leukocytes with given nuclei. */
final class SyntheticSmears {

	static final int BACKGROUND = rgb(236, 232, 226);
	static final int RED_CELL = rgb(214, 150, 150);
	static final int CYTOPLASM = rgb(196, 178, 214);
	static final int NUCLEUS = rgb(112, 62, 168);

	private final ColorProcessor cp;

	SyntheticSmears(int w, int h) {
		cp = new ColorProcessor(w, h);
		cp.setColor(BACKGROUND);
		cp.fill();
	}

	static int rgb(int r, int g, int b) {
		return 0xff000000 | r << 16 | g << 8 | b;
	}

	SyntheticSmears disc(double cx, double cy, double r, int colour) {
		int[] px = (int[]) cp.getPixels();
		int w = cp.getWidth(), h = cp.getHeight();
		for (int y = Math.max(0, (int) (cy - r - 1)); y <= Math.min(h - 1, (int) (cy + r + 1)); y++)
			for (int x = Math.max(0, (int) (cx - r - 1)); x <= Math.min(w - 1, (int) (cx + r + 1)); x++) {
				double dx = x - cx, dy = y - cy;
				if (dx * dx + dy * dy <= r * r) px[y * w + x] = colour;
			}
		return this;
	}

	SyntheticSmears redCell(double cx, double cy, double r) {
		return disc(cx, cy, r, RED_CELL).disc(cx, cy, r * 0.35, rgb(226, 190, 186));
	}

	SyntheticSmears leukocyte(double cx, double cy, double r, double nucleusR) {
		return disc(cx, cy, r, CYTOPLASM).disc(cx, cy, nucleusR, NUCLEUS);
	}

	/** Adds deterministic noise of ±amplitude grey levels per channel. */
	ColorProcessor noisy(int amplitude, long seed) {
		Random rnd = new Random(seed);
		int[] px = ((int[]) cp.getPixels()).clone();
		for (int i = 0; i < px.length; i++) {
			int p = px[i];
			int r = clamp(((p >> 16) & 0xff) + rnd.nextInt(2 * amplitude + 1) - amplitude);
			int g = clamp(((p >> 8) & 0xff) + rnd.nextInt(2 * amplitude + 1) - amplitude);
			int b = clamp((p & 0xff) + rnd.nextInt(2 * amplitude + 1) - amplitude);
			px[i] = rgb(r, g, b);
		}
		return new ColorProcessor(cp.getWidth(), cp.getHeight(), px);
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}
}
