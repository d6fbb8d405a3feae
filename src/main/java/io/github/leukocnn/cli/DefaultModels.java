package io.github.leukocnn.cli;

import java.io.IOException;
import java.util.List;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.report.HeldOutSplit;
import io.github.leukocnn.report.LabelledImages;
import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The segmenter and CNN models that {@code classify} and {@code evaluate} use by default. */
final class DefaultModels {

	private DefaultModels() {}

	static LeukocyteSegmenter segmenter() {
		return io.github.leukocnn.segment.Segmenters.standard();
	}

	static HeldOutSplit.Blocks heldOutSplit(List<LabelledImages.Image> images, CellClassifier classifier) throws IOException {
		throw new IOException("--split test needs the training split rule of io.github.leukocnn.cnn, not in this build yet: use --split all");
	}

	static CellClassifier classifier(String nameOrPath) throws IOException {
		throw new IOException("no CNN in this build yet (io.github.leukocnn.cnn): cannot load " + nameOrPath);
	}
}
