package io.github.leukocnn.ij;

import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The segmenter behind LeukoCNN's ImageJ commands, unless a script passes its own. */
public final class Segmenters {

	private Segmenters() {}

	public static LeukocyteSegmenter standard() {
		// TODO replace by new SmearSegmenter() when io.github.leukocnn.segment has it on main
		throw new IllegalStateException("no leukocyte segmenter in this build");
	}
}
