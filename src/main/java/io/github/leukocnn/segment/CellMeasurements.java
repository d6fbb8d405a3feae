package io.github.leukocnn.segment;

/**
 * Morphometry of one segmented leukocyte. Lengths and areas are in pixels of the input image;
 * {@code id} is the value of this cell in both label images.
 */
public record CellMeasurements(
	int id,
	int bboxX, int bboxY, int bboxWidth, int bboxHeight,
	double centroidX, double centroidY,
	double area,
	double perimeter,
	/** 4π·area/perimeter², 1 for a disc. */
	double circularity,
	/** area / convex hull area. */
	double solidity,
	double nucleusArea,
	/** nucleus area / cytoplasm area (cell area minus nucleus area); infinite if no cytoplasm. */
	double ncRatio,
	double meanRed, double meanGreen, double meanBlue,
	boolean touchesBorder)
{
	/** Column names in the order of {@link #values()}; the CSV header of every per-cell table. */
	public static final String[] COLUMNS = { "cell_id", "bbox_x", "bbox_y", "bbox_width",
		"bbox_height", "centroid_x", "centroid_y", "area", "perimeter", "circularity", "solidity",
		"nucleus_area", "nc_ratio", "mean_red", "mean_green", "mean_blue", "touches_border" };

	/** Values in the order of {@link #COLUMNS}. */
	public Object[] values() {
		return new Object[] { id, bboxX, bboxY, bboxWidth, bboxHeight, centroidX, centroidY, area,
			perimeter, circularity, solidity, nucleusArea, ncRatio, meanRed, meanGreen, meanBlue,
			touchesBorder };
	}
}
