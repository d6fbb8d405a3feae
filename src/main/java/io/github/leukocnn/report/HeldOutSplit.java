package io.github.leukocnn.report;

import java.io.IOException;
import java.util.List;

import io.github.leukocnn.classify.CellClassifier;

/**
 * Which images of a labelled set a model never saw in training: the rule belongs to the training
 * code (its splits), so {@code evaluate --split test} asks it rather than guessing.
 */
@FunctionalInterface
public interface HeldOutSplit {

	/**
	 * @param validation the block used to tune the model (early stopping, temperature): fits the temperature of the report
	 * @param test the block never used in training or tuning: the evaluated set
	 */
	record Blocks(List<LabelledImages.Image> validation, List<LabelledImages.Image> test) {}

	/** The validation and test blocks of {@code images} for a model trained with {@code classifier}'s settings. */
	Blocks split(List<LabelledImages.Image> images, CellClassifier classifier) throws IOException;
}
