import Datasets

/// `augment [off] [rotate=F] [shift=F] ... [fill=MODE]`: random augmentation of training pictures, or
/// `augment off` to clear it.
public struct Augment: CommandEntry {
    public static let spec = CommandSpec(
        "augment", .data, "set random augmentation of training pictures, or turn it off",
        positionals: [ParameterSpec("off", .choice(noun: "switch", words: ["off"]), "clears every setting", placeholder: "off")],
        options: [
            ParameterSpec("rotate", .number, "maximum rotation in degrees", range: .between(0, 180)),
            ParameterSpec("shift", .number, "maximum shift, fraction of width and height", range: Catalog.fraction),
            ParameterSpec("width_shift", .number, "maximum horizontal shift, fraction of the width", range: Catalog.fraction),
            ParameterSpec("height_shift", .number, "maximum vertical shift, fraction of the height", range: Catalog.fraction),
            ParameterSpec("shear", .number, "maximum shear angle in degrees (as Keras's shear_range)", range: .between(0, 60)),
            ParameterSpec("zoom", .number, "zoom factors drawn from [1-F, 1+F]", range: .halfOpen(0, 1)),
            ParameterSpec("flip", .choice(noun: "flip", words: FlipMode.words), "random mirroring", note: "none"),
            ParameterSpec("brightness", .number, "brightness factor drawn from [1-F, 1+F]", range: Catalog.fraction),
            ParameterSpec("contrast", .number, "contrast factor drawn from [1-F, 1+F]", range: Catalog.fraction),
            ParameterSpec("crop", .number, "random crop of up to this fraction of each side, scaled back", range: .halfOpen(0, 1)),
            ParameterSpec("noise", .number, "standard deviation of added Gaussian noise", range: Catalog.fraction),
            ParameterSpec("fill", .choice(noun: "fill mode", words: Augmentation.Fill.words), "how borders are filled", default: "nearest"),
        ],
        example: "augment rotate=15 shift=0.1 shear=0.2 zoom=0.2 flip=horizontal",
        details: "Applies to training batches only, deterministically by the session seed. Settings apply to the current model only (from its next batch, and to every later compile of it); with no model yet, they are kept for the next model compiled. Models compiled before or after are not augmented unless `augment` runs while they are current. Options not given are off; info lists the settings.",
        syntax: "augment [off] [rotate=F] [shift=F] [width_shift=F] [height_shift=F] [shear=F] [zoom=F] [flip=FLIP] [brightness=F] [contrast=F] [crop=F] [noise=F] [fill=nearest|constant|reflect]")
    public static let effect = CommandEffect.changesSession

    /// `augment off`: clears the augmentation.
    public var off: Bool
    public var rotate: Located<Double>?
    public var shift: Located<Double>?
    public var widthShift: Located<Double>?
    public var heightShift: Located<Double>?
    public var shear: Located<Double>?
    public var zoom: Located<Double>?
    public var flip: Located<FlipMode>?
    public var brightness: Located<Double>?
    public var contrast: Located<Double>?
    public var crop: Located<Double>?
    public var noise: Located<Double>?
    public var fill: Located<Augmentation.Fill>?

    public init(_ a: Arguments) throws(Diagnostic) {
        off = a.given("off")
        // Without `off`, at least one setting other than `fill` must be given.
        if !off && a.values.keys.allSatisfy({ $0 == "fill" }) {
            throw Diagnostic(.needsOption(command: a.spec.name, example: a.spec.example), at: SourceRange(at: a.anchor.end))
        }
        rotate = a.optional("rotate")
        shift = a.optional("shift")
        widthShift = a.optional("width_shift")
        heightShift = a.optional("height_shift")
        shear = a.optional("shear")
        zoom = a.optional("zoom")
        flip = a.optional("flip")
        brightness = a.optional("brightness")
        contrast = a.optional("contrast")
        crop = a.optional("crop")
        noise = a.optional("noise")
        fill = a.optional("fill")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.augment(self, at: statement.verbRange)
    }
}
