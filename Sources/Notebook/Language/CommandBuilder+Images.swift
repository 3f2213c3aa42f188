import Datasets

extension CommandBuilder {
    /// The image commands' payloads.
    static func images(_ spec: CommandSpec, _ a: Arguments) throws(Diagnostic) -> Command {
        switch spec.id {
        case .loadImages:
            return .load(.images(ImagesSpec(
                dir: try a.required(a.text("dir"), "dir"),
                size: a.shape("size"),
                color: try a.required(a.word("color", as: ColorMode.self), "color"),
                validation: a.text("validation"),
                split: a.number("split"),
                classMode: try a.required(a.word("class_mode", as: ClassMode.self), "class_mode"),
                rescale: a.number("rescale"),
                shuffle: try a.required(a.bool("shuffle"), "shuffle"),
                cache: try a.required(a.int("cache"), "cache"))))
        case .makeFashionPNG, .makeShapesRGB:
            return .makeDataset(MakeDatasetSpec(
                kind: spec.id == .makeFashionPNG ? .fashionPNG : .shapesRGB,
                dir: try a.required(a.text("dir"), "dir"),
                count: try a.required(a.int("count"), "count"),
                classes: a.int("classes"), size: a.int("size"),
                overwrite: try a.required(a.bool("overwrite"), "overwrite")))
        case .augment:
            let off = a.values["off"] != nil
            if !off && a.values.count <= 1 && a.values["fill"] != nil || !off && a.values.isEmpty {
                throw Diagnostic(.needsOption(command: spec.name, example: spec.example), at: SourceRange(at: a.anchor.end))
            }
            return .augment(AugmentSpec(
                off: off, rotate: a.number("rotate"), shift: a.number("shift"), widthShift: a.number("width_shift"),
                heightShift: a.number("height_shift"), shear: a.number("shear"), zoom: a.number("zoom"),
                flip: a.word("flip", as: FlipMode.self), brightness: a.number("brightness"), contrast: a.number("contrast"),
                crop: a.number("crop"), noise: a.number("noise"), fill: a.word("fill", as: Augmentation.Fill.self)))
        default:
            return .showAugment(ShowAugmentSpec(count: try a.required(a.int("count"), "count"),
                                                index: try a.required(a.int("index"), "index")))
        }
    }
}
