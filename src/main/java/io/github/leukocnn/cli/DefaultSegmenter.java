package io.github.leukocnn.cli;

import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.SmearSegmenter;

/** The segmenter the command line uses. */
final class DefaultSegmenter {

	private DefaultSegmenter() {}

	static LeukocyteSegmenter create() {
		return new SmearSegmenter();
	}
}
