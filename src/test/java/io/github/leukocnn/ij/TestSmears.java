package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;

/** Synthetic smear fields for the ImageJ-side tests: purple discs (leukocytes) on a pale background. */
public final class TestSmears {

	private TestSmears() {}

	public static final int BACKGROUND = 0xE6DCDC;
	public static final int CELL = 0x783CA0;

	/** {@code count} discs of diameter {@code diameter}, in a row, well apart. */
	public static ImagePlus discs(String title, int count, int diameter) {
		int step = diameter * 2;
		int width = Math.max(step * count, step), height = step;
		ColorProcessor cp = new ColorProcessor(width, height);
		cp.setColor(BACKGROUND);
		cp.fill();
		cp.setColor(CELL);
		for (int i = 0; i < count; i++)
			cp.fillOval(i * step + diameter / 2, diameter / 2, diameter, diameter);
		return new ImagePlus(title, cp);
	}
}
