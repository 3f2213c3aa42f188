// Payloads of the image commands: `load images`, `make-dataset`, `augment`, `show augment`.

import Datasets

/// `load images DIR ...`
public struct ImagesSpec: Sendable, Equatable {
    public var dir: Located<String>
    /// Height x width; nil: 150x150.
    public var size: Located<Shape>?
    public var color: Located<ColorMode>
    /// A separate folder tree for validation (becomes the held-out split).
    public var validation: Located<String>?
    /// A validation fraction split off the training images.
    public var split: Located<Double>?
    public var classMode: Located<ClassMode>
    /// nil: byte / 255.
    public var rescale: Located<Double>?
    public var shuffle: Located<Bool>
    /// The decode cache, in MB.
    public var cache: Located<Int>
}

/// Colour of loaded pictures.
public enum ColorMode: String, LanguageWord, CustomStringConvertible {
    case rgb, gray

    /// Channels per pixel.
    public var channels: Int { self == .rgb ? 3 : 1 }
}

/// How labels are meant (Keras's `class_mode`). Targets are class indices in every mode; the loss turns
/// them into one-hot vectors (categorical) or 0/1 values (binary, one sigmoid output).
public enum ClassMode: String, LanguageWord, CustomStringConvertible {
    case categorical, sparse, binary
}

/// Which data set `make-dataset` writes.
public enum MakeDatasetKind: String, Sendable, Equatable {
    case fashionPNG = "fashion-png"
    case shapesRGB = "shapes-rgb"
}

/// `make-dataset KIND DIR ...`
public struct MakeDatasetSpec: Sendable, Equatable {
    public var kind: MakeDatasetKind
    public var dir: Located<String>
    public var count: Located<Int>
    public var classes: Located<Int>?
    public var size: Located<Int>?
    public var overwrite: Located<Bool>
}

/// Flip settings of `augment`.
public enum FlipMode: String, LanguageWord, CustomStringConvertible {
    case none, horizontal, vertical, both
}

extension Augmentation.Fill: LanguageWord {}

/// `augment ...`: every value the user gave; `off` clears the augmentation.
public struct AugmentSpec: Sendable, Equatable {
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
}

/// `show augment N [index=I]`
public struct ShowAugmentSpec: Sendable, Equatable {
    public var count: Located<Int>
    public var index: Located<Int>
}
