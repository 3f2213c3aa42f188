/// A Float32 tensor in row-major order, and a node of the autograd graph.
///
/// Images are NHWC (batch, height, width, channels): a convolution's im2col matrix then has one row per
/// output pixel and the product with a (KH*KW*C, F) kernel lands directly in NHWC order, with no transpose.
///
/// A tensor that `requiresGrad` and was made by an op while gradients are recorded remembers its inputs and
/// the closure that pushes its gradient to them. `backward()` on a scalar runs those closures in reverse
/// topological order. Tensors are not shared between threads; their buffers are split between pool tasks.
public final class Tensor {
    /// Dimensions, outermost first.
    public let shape: [Int]
    /// The values.
    public let buffer: Buffer
    /// Whether gradients flow into this tensor.
    public var requiresGrad: Bool
    /// The accumulated gradient (same shape), once backward has reached this tensor.
    public internal(set) var grad: Buffer?

    var inputs: [Tensor] = []
    var backwardFn: ((Tensor) -> Void)?

    /// Wraps an existing buffer; `buffer.count` must equal the shape's element count.
    public init(shape: [Int], buffer: Buffer, requiresGrad: Bool = false) {
        precondition(Shape.count(shape) == buffer.count, "shape \(shape) does not match \(buffer.count) values")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.buffer = buffer
        self.requiresGrad = requiresGrad
    }

    /// A tensor of zeros.
    public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
        self.init(shape: shape, buffer: .zeroed(Shape.count(shape)), requiresGrad: requiresGrad)
    }

    /// A tensor with every element `value`.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        let b = Buffer(count: Shape.count(shape))
        b.pointer.initialize(repeating: value, count: b.count)
        self.init(shape: shape, buffer: b, requiresGrad: requiresGrad)
    }

    /// A tensor holding `values` (row-major).
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        self.init(shape: shape, buffer: Buffer(values), requiresGrad: requiresGrad)
    }

    /// Uniform values in [lo, hi) from `rng`.
    public static func uniform(_ shape: [Int], _ lo: Float, _ hi: Float, rng: inout SeededGenerator) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.buffer.pointer[i] = rng.uniform(lo, hi) }
        return t
    }

    /// Normal values with mean 0 and standard deviation `std` from `rng`.
    public static func normal(_ shape: [Int], std: Float, rng: inout SeededGenerator) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.buffer.pointer[i] = rng.normal() * std }
        return t
    }

    /// Number of elements.
    @inline(__always) public var count: Int { buffer.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// The values as an array (copies).
    public var array: [Float] { buffer.array }
    /// The gradient as an array (zeros when none has arrived).
    public var gradArray: [Float] { grad?.array ?? [Float](repeating: 0, count: count) }
    /// The single value of a one-element tensor.
    public var scalar: Float { precondition(count == 1, "scalar of a \(count)-element tensor"); return buffer.pointer[0] }

    /// Pointer to the gradient, allocated as zeros on first use. Kernels add into it.
    public func gradPointer() -> UnsafeMutablePointer<Float> {
        if let g = grad { return g.pointer }
        let g = Buffer.zeroed(count)
        grad = g
        return g.pointer
    }

    /// Pointer to the gradient for a kernel that covers every element itself. When no gradient existed,
    /// the buffer is NOT zeroed and `fresh` is true: the kernel must then zero or overwrite each element
    /// (typically inside its own parallel task, where the memory is about to be used anyway).
    public func gradPointerForWriting() -> (pointer: UnsafeMutablePointer<Float>, fresh: Bool) {
        if let g = grad { return (g.pointer, false) }
        let g = Buffer(count: count)
        grad = g
        return (g.pointer, true)
    }

    /// Forgets the accumulated gradient.
    public func zeroGrad() { grad = nil }

    /// A copy that shares nothing and records no history.
    public func detached() -> Tensor {
        let b = Buffer(count: count)
        b.pointer.update(from: buffer.pointer, count: count)
        return Tensor(shape: shape, buffer: b)
    }

    /// Copies `other`'s values into this tensor (same element count), outside the autograd graph.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: \(other.count) values into \(count)")
        buffer.pointer.update(from: other.buffer.pointer, count: count)
    }

    /// Builds an op's result: records `inputs` and `backward` when gradients are on and an input needs one.
    static func make(_ shape: [Int], _ buffer: Buffer, inputs: [Tensor], backward: @escaping (Tensor) -> Void) -> Tensor {
        let t = Tensor(shape: shape, buffer: buffer)
        if GradMode.isEnabled && inputs.contains(where: { $0.requiresGrad }) {
            t.requiresGrad = true
            t.inputs = inputs
            t.backwardFn = backward
        }
        return t
    }
}
