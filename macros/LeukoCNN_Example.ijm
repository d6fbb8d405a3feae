// LeukoCNN example: outline the leukocytes of the current RGB smear image and list them.
// Open a smear image first (e.g. File > Open...), then run this macro.
run("Segment Leukocytes", "cell_diameter=0 add_to_roi_manager show_results");
error = call("io.github.leukocnn.plugin.LeukoCnnMacro.lastError");
if (error != "") exit("LeukoCNN: " + error);
print(getTitle() + ": " + call("io.github.leukocnn.plugin.LeukoCnnMacro.cellCount") + " leukocytes outlined");
// The outlines are also in the ROI Manager (one per cell, named cell-0001, cell-0002, ...) and the
// measurements in the "LeukoCNN Cells" table (area, circularity, nucleus/cytoplasm ratio, colour ...).
