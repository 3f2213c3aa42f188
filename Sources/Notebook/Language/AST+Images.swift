// Words of the image commands (`load images`, `augment`): colour mode, class mode, flips, fill.

import Datasets

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

/// Flip settings of `augment`.
public enum FlipMode: String, LanguageWord, CustomStringConvertible {
    case none, horizontal, vertical, both
}

extension Augmentation.Fill: LanguageWord {}

