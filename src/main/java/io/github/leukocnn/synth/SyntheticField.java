package io.github.leukocnn.synth;

import java.util.List;

import ij.process.ColorProcessor;

/**
 * One generated smear field with its ground truth.
 *
 * @param rgb the image
 * @param cells whole-leukocyte labels (row-major, unsigned 16 bit, 0 = background)
 * @param nuclei nucleus labels with the same ids
 * @param truth one entry per leukocyte, by id
 * @param settings what it was generated from
 */
public record SyntheticField(ColorProcessor rgb, short[] cells, short[] nuclei, List<TrueCell> truth, SmearSynthesizer.Settings settings) {

	public int width() {
		return rgb.getWidth();
	}

	public int height() {
		return rgb.getHeight();
	}
}
