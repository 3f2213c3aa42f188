import Datasets

/// `load images DIR [size=HxW] [color=rgb|gray] [validation=DIR] [split=F] [class_mode=...] [rescale=F]
/// [shuffle=on|off] [cache=MB] [target=label|input]`: a folder of pictures, one sub-folder per class, made current.
public struct LoadImages: CommandEntry {
    public static let spec = CommandSpec(
        "load images", .data, "load a folder of PNG/JPEG pictures, one sub-folder per class, and make it current",
        positionals: [ParameterSpec("dir", .path, "folder with one sub-folder of images per class", required: true, placeholder: "DIR")],
        options: [
            ParameterSpec("size", .shape, "height x width the pictures are resized to", note: "150x150",
                          range: .between(1, Double(ImageFolder.maximumSide))),
            ParameterSpec("color", .choice(noun: "colour mode", words: ColorMode.words), "rgb (3 channels) or gray (1)", default: "rgb"),
            ParameterSpec("validation", .path, "a second folder tree, the validation split (`evaluate on=validation`)", note: "none"),
            ParameterSpec("split", .number, "fraction of the pictures held out for validation", note: "none", range: .open(0, 1)),
            ParameterSpec("class_mode", .choice(noun: "class mode", words: ClassMode.words), "categorical, sparse or binary (two classes, one sigmoid output)", default: "categorical"),
            ParameterSpec("rescale", .number, "factor from a byte to a pixel value", note: "1/255", range: .openClosed(0, 1)),
            ParameterSpec("shuffle", .boolean, "shuffle the pictures' order by the session seed", default: "on"),
            ParameterSpec("cache", .integer, "MB of decoded pictures kept in memory; the rest are decoded when read", default: "1024", range: .between(0, 1 << 20)),
            DataTarget.parameter,
        ],
        example: "cats = load images data/train size=150x150 validation=data/validation class_mode=binary",
        details: "Class names are the sub-folder names, sorted. Files that cannot be decoded are skipped and counted in the summary.")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var dir: Located<String>
    /// Height x width; nil: 150x150.
    public var size: Located<Shape>?
    public var color: Located<ColorMode>
    /// A separate folder tree: the validation split.
    public var validation: Located<String>?
    /// A validation fraction split off the training images.
    public var split: Located<Double>?
    public var classMode: Located<ClassMode>
    /// nil: byte / 255.
    public var rescale: Located<Double>?
    public var shuffle: Located<Bool>
    /// The decode cache, in MB.
    public var cache: Located<Int>
    public var target: Located<DataTarget>

    public init(_ a: Arguments) throws(Diagnostic) {
        target = try a.required("target")
        dir = try a.required("dir")
        size = a.optional("size")
        color = try a.required("color")
        validation = a.optional("validation")
        split = a.optional("split")
        classMode = try a.required("class_mode")
        rescale = a.optional("rescale")
        shuffle = try a.required("shuffle")
        cache = try a.required("cache")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            let (entry, report) = try context.loadImages(self, binding: statement.binding, at: statement.verbRange)
            return (entry.withTarget(target.value), report)
        }
    }
}
