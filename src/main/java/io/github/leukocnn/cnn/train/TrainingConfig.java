package io.github.leukocnn.cnn.train;

import java.nio.file.Path;

import io.github.leukocnn.cnn.NetworkFactory;

/**
 * Hyper-parameters and bookkeeping of one training run.
 *
 * @param lrDecay learning-rate factor per epoch (1 = constant)
 * @param maxEpochs upper bound; early stopping usually ends sooner
 * @param patience epochs without validation improvement before stopping
 * @param maxMinutes wall-clock budget; training stops after the epoch that exceeds it
 * @param checkpointDir where last/best checkpoints and the state file go (null = none)
 * @param resume continue from the checkpoint in {@code checkpointDir}
 * @param cvFolds 0 = hold-out split; k >= 3 = k-fold cross-validation (contiguous blocks, test block left out)
 * @param cellsPerImage at most this many random cells of each image per epoch (0 = all)
 * @param weightAveraging decay per batch of an exponential moving average of the weights, which is
 *          what is validated, kept and shipped (0 = off: the weights as trained)
 * @param labelSmoothing ε of label smoothing: training targets are 1 − ε + ε/k for the true class
 *          and ε/k for the others (0 = off: one-hot), so the network is not pushed towards
 *          certainty on cells whose label is ambiguous
 * @param mixup α of mixup (0 = off): each training crop is blended with another of its batch,
 *          pixels and targets alike, by a weight λ ~ Beta(α, α) (the larger share kept by the crop
 *          itself), so the network learns smooth transitions between classes instead of memorising
 *          single crops and their (for fields: inherited, partly wrong) labels
 */
public record TrainingConfig(int[] channels, int dense, double learningRate, double lrDecay, int batchSize, int maxEpochs, int patience,
	double maxMinutes, long seed, double validationFraction, double testFraction, Augmenter augmenter,
	boolean classWeights, Path checkpointDir, boolean resume, int threads, int cvFolds, int cellsPerImage, double weightAveraging,
	double labelSmoothing, double mixup)
{
	public TrainingConfig {
		if (!(weightAveraging >= 0 && weightAveraging < 1))
			throw new IllegalArgumentException("weight averaging decay must be in [0, 1), got " + weightAveraging);
		if (!(labelSmoothing >= 0 && labelSmoothing < 1))
			throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
		if (!(mixup >= 0 && mixup <= 10))
			throw new IllegalArgumentException("mixup alpha must be in [0, 10], got " + mixup);
	}

	public static TrainingConfig defaults() {
		return new TrainingConfig(NetworkFactory.DEFAULT_CHANNELS, 64, 2e-3, 0.9, 32, 40, 8, 30, 42, 0.15, 0.2,
			Augmenter.DEFAULT, true, null, false, Runtime.getRuntime().availableProcessors(), 0, 0, 0, 0, 0);
	}

	public TrainingConfig with(int maxEpochs, int patience, double maxMinutes, long seed, Path checkpointDir, boolean resume) {
		return new TrainingConfig(channels, dense, learningRate, lrDecay, batchSize, maxEpochs, patience, maxMinutes, seed,
			validationFraction, testFraction, augmenter, classWeights, checkpointDir, resume, threads, cvFolds, cellsPerImage,
			weightAveraging, labelSmoothing, mixup);
	}
}
