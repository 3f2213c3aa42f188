import TensorRuntime

/// A generated RGB picture set: the `Shapes` classes drawn in a colour on a varied two-colour
/// background gradient, so a classifier must read the shape, not the colours. No files needed.
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
            let top = randomColor(&g)
            let bottom = randomColor(&g)
            var ink = randomColor(&g)
            // Keep the shape visible: push its colour away from the background's mean.
            let mean = (0..<3).map { (top[$0] + bottom[$0]) / 2 }
            if zip(ink, mean).map({ abs($0 - $1) }).reduce(0, +) < 0.6 {
                ink = mean.map { $0 > 0.5 ? $0 - 0.5 : $0 + 0.5 }
            }
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

    private static func randomColor(_ g: inout SeededGenerator) -> [Float] {
        [g.nextFloat(), g.nextFloat(), g.nextFloat()]
    }
}
