package io.github.leukocnn.cli;

import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmenters;

/** The segmenter the command-line verbs use (segment, classify, evaluate): see {@link Segmenters#standard()}. */
final class DefaultSegmenter {

	private DefaultSegmenter() {}

	static LeukocyteSegmenter create() {
		return Segmenters.standard();
	}
}
