package io.github.leukocnn.synth;

/**
 * Ground truth of one synthetic leukocyte.
 *
 * @param id its value in both ground-truth label images
 * @param cellClass what was drawn
 * @param centreX centre of the cell body, pixels
 * @param centreY centre of the cell body, pixels
 * @param diameter nominal diameter of the cell body, pixels
 * @param area pixels labelled {@code id} in the cell labels
 * @param nucleusArea pixels labelled {@code id} in the nucleus labels
 * @param lobes nuclear lobes (neutrophils; 1 otherwise)
 * @param touching whether it touches another leukocyte
 * @param cutByBorder whether part of it lies outside the image (its centre may too)
 */
public record TrueCell(int id, CellClass cellClass, double centreX, double centreY, double diameter, int area,
	int nucleusArea, int lobes, boolean touching, boolean cutByBorder)
{
	public static final String[] COLUMNS = { "cell_id", "class", "centre_x", "centre_y", "diameter", "area", "nucleus_area", "lobes", "touching", "cut_by_border" };

	public Object[] values() {
		return new Object[] { id, cellClass.label(), centreX, centreY, diameter, area, nucleusArea, lobes, touching, cutByBorder };
	}
}
