extension Sequential {
    /// The reference CNN used by the benchmark and the docs: conv2d 32 3x3 relu, maxpool 2, conv2d 64 3x3 relu,
    /// maxpool 2, flatten, dense 128 relu, dense `classes` softmax. On 28x28x1 it has 225,034 weights (as in Keras).
    public static func seedCNN(inputShape: [Int] = [28, 28, 1], classes: Int = 10, seed: UInt64 = 42) throws -> Sequential {
        let m = try Sequential(inputShape: inputShape, seed: seed)
        try m.add(Conv2D(filters: 32, kernelSize: 3, activation: .relu))
        try m.add(Pooling2D(.max, size: 2))
        try m.add(Conv2D(filters: 64, kernelSize: 3, activation: .relu))
        try m.add(Pooling2D(.max, size: 2))
        try m.add(Flatten())
        try m.add(Dense(units: 128, activation: .relu))
        try m.add(Dense(units: classes, activation: .softmax))
        return m
    }
}
