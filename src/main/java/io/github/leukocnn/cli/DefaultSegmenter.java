package io.github.leukocnn.cli;

import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The segmenter the command line uses. */
final class DefaultSegmenter {

	private DefaultSegmenter() {}

	static LeukocyteSegmenter create() {
		return io.github.leukocnn.segment.Segmenters.standard();
	}
}
