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

	/** The training split rule of io.github.leukocnn.cnn.train.Splits: contiguous file-number blocks per class. */
	static HeldOutSplit.Blocks heldOutSplit(List<LabelledImages.Image> images, CellClassifier classifier) throws IOException {
		java.util.TreeMap<Integer, java.util.List<LabelledImages.Image>> byClass = new java.util.TreeMap<>();
		for (LabelledImages.Image im : images) byClass.computeIfAbsent(im.label(), l -> new java.util.ArrayList<>()).add(im);
		List<LabelledImages.Image> validation = new java.util.ArrayList<>(), test = new java.util.ArrayList<>();
		for (var e : byClass.entrySet()) {
			List<LabelledImages.Image> l = e.getValue();
			l.sort(java.util.Comparator.comparingLong((LabelledImages.Image im) -> io.github.leukocnn.cnn.train.TrainingData.order(im.file()))
				.thenComparing(im -> im.file().getFileName().toString()));
			int[] b;
			try {
				b = io.github.leukocnn.cnn.train.Splits.bounds(l.size(), io.github.leukocnn.cnn.train.Splits.VALIDATION_FRACTION,
					io.github.leukocnn.cnn.train.Splits.TEST_FRACTION, classifier.classes().get(e.getKey()));
			}
			catch (IllegalArgumentException ex) {
				throw new IOException(ex.getMessage(), ex);
			}
			validation.addAll(l.subList(b[0], b[1]));
			test.addAll(l.subList(b[1], l.size()));
		}
		return new HeldOutSplit.Blocks(validation, test);
	}

	static CellClassifier classifier(String nameOrPath) throws IOException {
		return io.github.leukocnn.cnn.CnnCellClassifier.load(nameOrPath);
	}
}
