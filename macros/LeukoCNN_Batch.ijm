// LeukoCNN batch: segments the leukocytes of every image in a folder.
// For each image NAME.ext it writes, into the output folder, the files of the command line's
// "leukocnn segment" verb:
//   NAME_cells.csv    one row per leukocyte: id, bounding box, area, circularity, N/C ratio, colour ...
//   NAME_RoiSet.zip   the cell outlines as an ROI set (open it with File > Open or the ROI Manager)
//   NAME_cells.tif, NAME_nuclei.tif   16-bit label images (0 = background, cell id elsewhere)
// An image that cannot be read or analysed is reported and skipped; the others go on.
// Existing result files are never replaced unless overwrite=true.
//
// Interactive: Plugins > Macros > Run... asks for the folders.
// Headless (Fiji): ImageJ-linux64 --headless -batch LeukoCNN_Batch.ijm "input=/smears output=/results cell_diameter=0"
// Arguments: input, output (folders), cell_diameter (0 = estimate; µm if the images are calibrated), overwrite (true/false).

helper = "io.github.leukocnn.plugin.LeukoCnnMacro.";
arg = getArgument();
input = call("ij.Macro.getValue", arg, "input", "");
output = call("ij.Macro.getValue", arg, "output", "");
diameter = call("ij.Macro.getValue", arg, "cell_diameter", "0");
overwrite = call("ij.Macro.getValue", arg, "overwrite", "false");
if (input == "") input = getDirectory("LeukoCNN: folder of RGB smear images");
if (output == "") output = getDirectory("LeukoCNN: folder for the results");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("LeukoCNN batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) exit("LeukoCNN batch: cannot create output folder " + output);

setBatchMode(true);
files = getFileList(input);
Array.sort(files);
done = 0; failed = 0; cells = 0; failures = "";
for (i = 0; i < files.length; i++) {
	file = files[i];
	if (!isImageFile(file)) continue;
	showProgress(i, files.length);
	base = File.getNameWithoutExtension(file);
	error = call(helper + "openSmear", input + file);
	if (error == "") {
		run("Segment Leukocytes", "cell_diameter=" + diameter);
		error = call(helper + "lastError");
		if (error == "") error = call(helper + "saveSegmentation", output, base, overwrite);
		if (error == "") cells = cells + parseInt(call(helper + "cellCount"));
		close();
	}
	if (error == "") {
		done++;
	} else {
		failed++;
		failures = failures + file + ": " + error + "\n";
		print("LeukoCNN batch: FAILED " + file + ": " + error);
	}
}
setBatchMode(false);
summary = "LeukoCNN batch: " + done + " images analysed, " + cells + " leukocytes, " + failed + " failed";
print(summary);
if (failed > 0) print(failures);
return "" + done + " " + cells + " " + failed;

function isImageFile(name) {
	lower = toLowerCase(name);
	extensions = newArray(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif");
	for (k = 0; k < extensions.length; k++)
		if (endsWith(lower, extensions[k])) return true;
	return false;
}
