package io.github.leukocnn.cli;

import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The segmenter the command line uses. */
final class DefaultSegmenter {

	private DefaultSegmenter() {}

	static LeukocyteSegmenter create() {
		throw new UnsupportedOperationException("no segmenter yet: merge main (io.github.leukocnn.segment.SmearSegmenter)");
	}
}
