package io.github.leukocnn.cnn.train;

import java.util.List;

/**
 * One labelled image of a training set (a single-cell image, or a field with its cells) with its
 * cells cached as context crops: packed-ARGB squares of {@code contextSize}² pixels at the crop
 * scale, larger than the network crop so that rotations and scale jitter never run out of pixels.
 *
 * @param file image path (for messages and reports)
 * @param label class index
 * @param order the number in the file name, which orders images of a class into contiguous blocks
 * @param cells context crops of the image's cells (empty if segmentation found none)
 */
public record TrainingItem(String file, int label, long order, List<int[]> cells) {}
