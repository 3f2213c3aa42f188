// Catalog entries of the image commands.

import Datasets

extension Catalog {
    static let fraction = NumericRange.between(0, 1)
    static let images: [CommandSpec] = [
        CommandSpec(.loadImages, .data, "load a folder of PNG/JPEG pictures, one sub-folder per class, and make it current",
                    positionals: [ParameterSpec("dir", .path, "folder with one sub-folder of images per class", required: true, placeholder: "DIR")],
                    options: [
                        ParameterSpec("size", .shape, "height x width the pictures are resized to", note: "150x150"),
                        ParameterSpec("color", .choice(noun: "colour mode", words: ColorMode.words), "rgb (3 channels) or gray (1)", default: "rgb"),
                        ParameterSpec("validation", .path, "a second folder tree held out for validation and evaluate", note: "none"),
                        ParameterSpec("split", .number, "fraction of the pictures held out for validation", note: "none", range: .open(0, 1)),
                        ParameterSpec("class_mode", .choice(noun: "class mode", words: ClassMode.words), "categorical, sparse or binary (two classes, one sigmoid output)", default: "categorical"),
                        ParameterSpec("rescale", .number, "factor from a byte to a pixel value", note: "1/255", range: .openClosed(0, 1)),
                        ParameterSpec("shuffle", .boolean, "shuffle the pictures' order by the session seed", default: "on"),
                        ParameterSpec("cache", .integer, "MB of decoded pictures kept in memory; the rest are decoded when read", default: "1024", range: .between(0, 1 << 20)),
                    ],
                    example: "cats = load images data/train size=150x150 validation=data/validation class_mode=binary",
                    details: "Class names are the sub-folder names, sorted. Files that cannot be decoded are skipped and counted in the summary.",
                    canBind: true),
        CommandSpec(.makeFashionPNG, .data, "write Fashion-MNIST as a folder tree of PNG files (train/, validation/)",
                    positionals: [ParameterSpec("dir", .path, "the folder to create", required: true, placeholder: "DIR")],
                    options: [
                        ParameterSpec("count", .integer, "training pictures (validation gets a fifth as many)", default: "2000", range: .between(2, 60_000)),
                        ParameterSpec("overwrite", .boolean, "replace train/ and validation/ of an existing folder", default: "off"),
                    ],
                    example: "make-dataset fashion-png out/fashion count=1000"),
        CommandSpec(.makeShapesRGB, .data, "write generated coloured shapes as a folder tree of PNG and JPEG files",
                    positionals: [ParameterSpec("dir", .path, "the folder to create", required: true, placeholder: "DIR")],
                    options: [
                        ParameterSpec("count", .integer, "training pictures (validation gets a fifth as many)", default: "400", range: .between(2, 20_000)),
                        ParameterSpec("classes", .integer, "number of shape classes", default: "2", range: .between(2, Shapes.classRange.upperBound)),
                        ParameterSpec("size", .integer, "picture side in pixels", default: "150", range: .between(ColorShapes.sizeRange.lowerBound, ColorShapes.sizeRange.upperBound)),
                        ParameterSpec("overwrite", .boolean, "replace train/ and validation/ of an existing folder", default: "off"),
                    ],
                    example: "make-dataset shapes-rgb out/shapes count=200 size=64"),
        CommandSpec(.augment, .data, "set random augmentation of training pictures, or turn it off",
                    positionals: [ParameterSpec("off", .choice(noun: "switch", words: ["off"]), "clears every setting", placeholder: "off")],
                    options: [
                        ParameterSpec("rotate", .number, "maximum rotation in degrees", range: .between(0, 180)),
                        ParameterSpec("shift", .number, "maximum shift, fraction of width and height", range: fraction),
                        ParameterSpec("width_shift", .number, "maximum horizontal shift, fraction of the width", range: fraction),
                        ParameterSpec("height_shift", .number, "maximum vertical shift, fraction of the height", range: fraction),
                        ParameterSpec("shear", .number, "maximum shear angle in degrees (as Keras's shear_range)", range: .between(0, 60)),
                        ParameterSpec("zoom", .number, "zoom factors drawn from [1-F, 1+F]", range: .halfOpen(0, 1)),
                        ParameterSpec("flip", .choice(noun: "flip", words: FlipMode.words), "random mirroring", note: "none"),
                        ParameterSpec("brightness", .number, "brightness factor drawn from [1-F, 1+F]", range: fraction),
                        ParameterSpec("contrast", .number, "contrast factor drawn from [1-F, 1+F]", range: fraction),
                        ParameterSpec("crop", .number, "random crop of up to this fraction of each side, scaled back", range: .halfOpen(0, 1)),
                        ParameterSpec("noise", .number, "standard deviation of added Gaussian noise", range: fraction),
                        ParameterSpec("fill", .choice(noun: "fill mode", words: Augmentation.Fill.words), "how borders are filled", default: "nearest"),
                    ],
                    example: "augment rotate=15 shift=0.1 shear=0.2 zoom=0.2 flip=horizontal",
                    details: "Applies to training batches only, deterministically by the session seed. Settings go to the current model's trainer, or are kept and applied at compile. Options not given are off; info lists the settings.",
                    syntax: "augment [off] [rotate=F] [shift=F] [width_shift=F] [height_shift=F] [shear=F] [zoom=F] [flip=FLIP] [brightness=F] [contrast=F] [crop=F] [noise=F] [fill=nearest|constant|reflect]"),
        CommandSpec(.showAugment, .data, "draw a training picture and augmented variants of it",
                    positionals: [ParameterSpec("count", .integer, "how many variants", default: "7", range: .between(1, 63), placeholder: "N")],
                    options: [ParameterSpec("index", .integer, "0-based training picture", default: "0", range: .between(0, Limits.count))],
                    example: "show augment 5 index=3"),
    ]
}
