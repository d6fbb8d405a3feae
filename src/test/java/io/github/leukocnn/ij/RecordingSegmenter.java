package io.github.leukocnn.ij;

import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.testutil.DarkBlobSegmenter;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * The shared known-answer stand-in ({@link DarkBlobSegmenter}: one cell per dark blob) that also
 * remembers the settings it got, so tests can check what the commands pass to the core. Usable by
 * class name (public no-argument constructor), as the plugins create segmenters.
 */
public final class RecordingSegmenter implements LeukocyteSegmenter {

	/** Settings of the last call of any instance. */
	public static volatile SegmentationSettings last;

	/** Settings of the last call of this instance. */
	public SegmentationSettings lastSettings;

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		lastSettings = settings;
		last = settings;
		return new DarkBlobSegmenter().segment(rgb, settings);
	}
}
