package io.github.leukocnn.plugin;

import io.github.leukocnn.ij.ThresholdSegmenter;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/** A ThresholdSegmenter made by class name (as the plugin does) that shows the test its settings. */
public class ThresholdSegmenterProbe implements LeukocyteSegmenter {

	static volatile SegmentationSettings last;

	static void reset() {
		last = null;
	}

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		last = settings;
		return new ThresholdSegmenter().segment(rgb, settings);
	}
}
