import TensorRuntime

/// A generated RGB picture set: the `Shapes` classes drawn on a varied two-colour background gradient,
/// each class in its own typical ink colour (jittered per picture), so a small CNN learns it in a few
/// epochs from colour and shape together. No files needed.
public enum ColorShapes {
    /// Allowed side lengths.
    public static let sizeRange = 16...256

    /// `count` RGB images of `size` x `size`, classes the first `classes` shape kinds, balanced.
    /// Deterministic for the same arguments. Throws `DatasetError.invalidArgument` for bad sizes.
    public static func make(count: Int, classes: Int, size: Int, seed: UInt64) throws(DatasetError) -> ImageDataset {
        guard sizeRange.contains(size) else {
            throw .invalidArgument("image size \(size) must be in \(sizeRange.lowerBound)...\(sizeRange.upperBound)")
        }
        guard count <= Shapes.maximumBytes / (3 * size * size) else {
            throw .invalidArgument("\(count) images of \(size)x\(size)x3 exceed \(Shapes.maximumBytes >> 20) MiB")
        }
        let masks = try Shapes.make(count: count, classes: classes, size: size, noise: 0, seed: seed)
        let area = size * size
        var pixels = [UInt8](repeating: 0, count: count * area * 3)
        for i in 0..<count {
            var g = SeededGenerator.derived(seed: seed ^ 0xC0105, stream: UInt64(i) &+ 1)
            // Muted backgrounds, so every class's ink stands out.
            let top = randomColor(&g).map { 0.3 + 0.4 * $0 }
            let bottom = randomColor(&g).map { 0.3 + 0.4 * $0 }
            let base = palette[Int(masks.labels[i]) % palette.count]
            let ink = base.map { min(1, max(0, $0 + 0.15 * g.uniform(-1, 1))) }
            for y in 0..<size {
                let t = Float(y) / Float(max(size - 1, 1))
                for x in 0..<size {
                    let m = Float(masks.pixels[i * area + y * size + x]) / 255
                    for c in 0..<3 {
                        let back = top[c] * (1 - t) + bottom[c] * t
                        let value = back * (1 - m) + ink[c] * m + 0.03 * g.normal()
                        pixels[(i * area + y * size + x) * 3 + c] = UInt8(max(0, min(255, (value * 255).rounded())))
                    }
                }
            }
        }
        return try ImageDataset(name: "shapes-rgb", height: size, width: size, channels: 3, pixels: pixels,
                                labels: masks.labels, classNames: masks.classNames)
    }

    /// Each class's typical ink: red, blue, yellow, green, magenta, cyan, white, black.
    static let palette: [[Float]] = [[0.9, 0.15, 0.1], [0.1, 0.2, 0.95], [0.95, 0.9, 0.1], [0.1, 0.8, 0.2],
                                     [0.85, 0.1, 0.85], [0.1, 0.9, 0.9], [1, 1, 1], [0, 0, 0]]

    private static func randomColor(_ g: inout SeededGenerator) -> [Float] {
        [g.nextFloat(), g.nextFloat(), g.nextFloat()]
    }
}
