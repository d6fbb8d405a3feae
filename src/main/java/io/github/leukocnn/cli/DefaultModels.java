package io.github.leukocnn.cli;

import java.io.IOException;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The segmenter and CNN models that {@code classify} and {@code evaluate} use by default. */
final class DefaultModels {

	private DefaultModels() {}

	static LeukocyteSegmenter segmenter() {
		return DefaultSegmenter.create();
	}

	static CellClassifier classifier(String nameOrPath) throws IOException {
		throw new IOException("no CNN in this build yet (io.github.leukocnn.cnn): cannot load " + nameOrPath);
	}
}
