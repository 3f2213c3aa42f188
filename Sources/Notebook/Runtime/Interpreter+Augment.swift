import Datasets
import NeuralNet
import TensorRuntime

extension Interpreter {
    /// `augment ...`: sets the current model's augmentation (its trainer's from the next batch, and every
    /// later `compile` of it); with no model, keeps it for the next model compiled only. Other models,
    /// compiled before or after, are never touched. `augment off` clears what `augment` would set.
    func augment(_ spec: Augment, at range: SourceRange) throws -> [OutputBlock] {
        session.augmentation = nil
        if spec.off {
            guard let m = session.modelEntry else { return [.text("augmentation off", style: .note)] }
            m.augmentation = nil
            m.trainer?.transforms.removeAll { $0 is AugmentTransform }
            return [.text("augmentation off for '\(m.name)'", style: .note)]
        }
        var a = Augmentation()
        a.rotation = spec.rotate?.value ?? 0
        a.widthShift = spec.widthShift?.value ?? spec.shift?.value ?? 0
        a.heightShift = spec.heightShift?.value ?? spec.shift?.value ?? 0
        a.shear = spec.shear?.value ?? 0
        a.zoom = spec.zoom?.value ?? 0
        let flip = spec.flip?.value ?? FlipMode.none
        a.horizontalFlip = flip == .horizontal || flip == .both
        a.verticalFlip = flip == .vertical || flip == .both
        a.brightness = spec.brightness?.value ?? 0
        a.contrast = spec.contrast?.value ?? 0
        a.crop = spec.crop?.value ?? 0
        a.noise = spec.noise?.value ?? 0
        a.fill = spec.fill?.value ?? .nearest
        if let shape = session.data?.images?.train.sampleShape, shape.count == 3 {
            // Checked against the current data, so `train` cannot fail on it later.
            try guarded(at: range) { try AugmentTransform(a).check(sampleShape: shape) }
        }
        let where_: String
        if let m = session.modelEntry {
            m.augmentation = a
            if let t = m.trainer {
                t.transforms.removeAll { $0 is AugmentTransform }
                t.transforms.append(AugmentTransform(a))
                where_ = "training '\(m.name)' from its next batch (only '\(m.name)')"
            } else {
                where_ = "for '\(m.name)' from its compile (only '\(m.name)')"
            }
        } else {
            session.augmentation = a
            where_ = "kept for the next model compiled (only that one)"
        }
        return [.text("augmentation: \(Self.describe(a)) - \(where_)", style: .success)]
    }

    /// The settings as `augment` options, e.g. `rotate=15 zoom=0.2 flip=horizontal fill=nearest`.
    static func describe(_ a: Augmentation) -> String {
        var parts: [String] = []
        func add(_ key: String, _ value: Double) { if value != 0 { parts.append("\(key)=\(NumericRange.format(value))") } }
        add("rotate", a.rotation)
        add("width_shift", a.widthShift)
        add("height_shift", a.heightShift)
        add("shear", a.shear)
        add("zoom", a.zoom)
        switch (a.horizontalFlip, a.verticalFlip) {
        case (true, true): parts.append("flip=both")
        case (true, false): parts.append("flip=horizontal")
        case (false, true): parts.append("flip=vertical")
        case (false, false): break
        }
        add("brightness", a.brightness)
        add("contrast", a.contrast)
        add("crop", a.crop)
        add("noise", a.noise)
        parts.append("fill=\(a.fill.rawValue)")
        return parts.joined(separator: " ")
    }

    /// The augmentation in force: the current model's, else the one kept for the next compile.
    var currentAugmentation: Augmentation? {
        if let m = session.modelEntry {
            if let t = m.trainer { return t.transforms.compactMap { ($0 as? AugmentTransform)?.settings }.first }
            return m.augmentation ?? session.augmentation
        }
        return session.augmentation
    }

    /// `show augment N`: training picture `index` and N variants, each from its own stream of the seed.
    func showAugment(_ spec: ShowAugment, at range: SourceRange) throws -> [OutputBlock] {
        let entry = try requireData(at: range)
        let data = try images(entry, for: "show augment", at: range).train
        guard spec.index.value < data.count else {
            throw NotebookError("index \(spec.index.value) is outside the training set (0...\(data.count - 1))", at: spec.index.range)
        }
        guard let a = currentAugmentation else {
            throw NotebookError("no augmentation is set", at: range, hint: "set one first, e.g. `augment rotate=15 zoom=0.2 flip=horizontal`")
        }
        let original = data.image(at: spec.index.value)
        let label = data.classNames[Int(data.labels[spec.index.value])]
        var images = [ImageGridBlock.Image(pixels: original, width: data.width, height: data.height, channels: data.channels,
                                           caption: "#\(spec.index.value) \(label)")]
        for k in 1...spec.count.value {
            var pixels = original
            var g = SeededGenerator.derived(seed: session.seed, stream: UInt64(k))
            pixels.withUnsafeMutableBufferPointer { buffer in
                a.apply(buffer, height: data.height, width: data.width, channels: data.channels, generator: &g)
            }
            images.append(ImageGridBlock.Image(pixels: pixels.map { min(max($0, 0), 1) }, width: data.width, height: data.height,
                                               channels: data.channels, caption: "variant \(k)"))
        }
        return [.images(ImageGridBlock(title: "training picture #\(spec.index.value) and \(spec.count.value) augmented variants: \(Self.describe(a))",
                                       images: images))]
    }
}
