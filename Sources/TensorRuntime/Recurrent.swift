// Recurrent layers' ops over a whole sequence, forward and backprop through time (BPTT).
//
// Shapes, for every cell: x (N, T, D), kernel W (D, G·U), recurrent kernel R (U, G·U), bias (G·U), with G
// gates side by side in Keras's order (SimpleRNN 1; LSTM 4: i, f, c, o; GRU 3: z, r, h). Each op returns
// every step's state h (N, T, U); a layer that returns only the last state slices it.
//
// The input's projection x·W + b is one GEMM over all N·T rows. Each step adds h_{t-1}·R with one GEMM over
// the batch: the rows of step t sit T·G·U values apart, so the product writes in place through the leading
// dimension. Backward walks the steps in reverse, writing each step's pre-activation gradient dZ (N, T, G·U)
// and pushing dh_{t-1} = dZ_t·Rᵀ back; then the weight gradients are single GEMMs over all N·T rows
// (dW = xᵀ·dZ, dR = h_prevᵀ·dZ, dx = dZ·Wᵀ) and the bias's is a column sum in row order. Elementwise
// passes split over batch rows and GEMMs cut fixed blocks, so results are bit-identical for any thread count.

/// The sizes of a recurrent op, checked.
public struct RecurrentShape {
    let n: Int, t: Int, d: Int, u: Int
    /// Gates side by side (G).
    let gates: Int
    /// G·U: the width of a step's pre-activations.
    var width: Int { gates * u }

    /// Checks x (N, T, D), kernel (D, G·U), recurrent (U, G·U) and a bias of `biasRows` rows of G·U.
    init(op: String, x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor, gates: Int, biasRows: Int = 1) throws {
        guard x.rank == 3 else { throw TensorError.badShape(op: op, shape: x.shape, expected: "(batch, steps, features)") }
        guard kernel.rank == 2, kernel.shape[0] == x.shape[2], kernel.shape[1] % gates == 0, kernel.shape[1] > 0 else {
            throw TensorError.shapeMismatch(op: "\(op) kernel", lhs: x.shape, rhs: kernel.shape)
        }
        let u = kernel.shape[1] / gates
        guard recurrent.shape == [u, gates * u] else {
            throw TensorError.shapeMismatch(op: "\(op) recurrent kernel", lhs: [u, gates * u], rhs: recurrent.shape)
        }
        let biasShape = biasRows == 1 ? [gates * u] : [biasRows, gates * u]
        guard bias.shape == biasShape else { throw TensorError.shapeMismatch(op: "\(op) bias", lhs: biasShape, rhs: bias.shape) }
        // BLAS takes 32-bit sizes: a step's rows are T·G·U apart, and N·T rows are multiplied at once.
        guard Shape.saturatingProduct(x.shape[1], gates * u) <= RecurrentShape.maxStride,
              Shape.saturatingProduct(x.shape[0], x.shape[1]) <= RecurrentShape.maxStride else {
            throw TensorError.badArgument(op: op, message: "\(x.shape[1]) steps of \(gates * u) gate values (or \(x.shape[0]) x \(x.shape[1]) rows) exceed \(RecurrentShape.maxStride)")
        }
        self.n = x.shape[0]; self.t = x.shape[1]; self.d = x.shape[2]; self.u = u; self.gates = gates
    }

    /// The largest T·G·U (and N·T) the ops take: BLAS's leading dimensions are 32-bit.
    public static let maxStride = Int(Int32.max)
}

/// The cell's activation: a `TensorRuntime.Activation`, or none (linear).
extension Optional where Wrapped == Activation {
    @inline(__always) func value(_ x: Float) -> Float { self?.value(x) ?? x }
    @inline(__always) func derivative(x: Float, y: Float) -> Float { self?.derivative(x: x, y: y) ?? 1 }
    @inline(__always) func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        if let self { self.apply(x, y, count: count) } else if x != UnsafePointer(y) { y.update(from: x, count: count) }
    }
}

/// Pieces every cell's forward and backward share.
enum Recurrence {
    @inline(__always) static func sigmoid(_ x: Float) -> Float { Activation.sigmoid.value(x) }

    /// z (N·T, W) = x (N·T, D) · w (D, W) + bias (W): every step's input projection at once.
    static func project(_ x: Tensor, _ w: Tensor, bias: UnsafeMutablePointer<Float>, _ s: RecurrentShape) -> Buffer {
        let rows = s.n * s.t, out = Buffer(count: rows * s.width)
        Gemm.multiply(m: rows, n: s.width, k: s.d, a: x.buffer.pointer, lda: s.d, b: w.buffer.pointer, ldb: s.width,
                      c: out.pointer, ldc: s.width)
        Tensor.biasActivate(out.pointer, rows: rows, cols: s.width, bias: bias, activation: .none)
        return out
    }

    /// z[:, step, cols] (N, C) += state (N, U) · r[:, cols] (U, C), where `state` points at the first row's
    /// previous state (h_{t-1}) inside an (N, T, U) buffer. z has rows of `zWidth` per step; r's are G·U wide.
    static func addRecurrent(_ z: UnsafeMutablePointer<Float>, zWidth: Int, cols: Range<Int>, state: UnsafePointer<Float>,
                             r: Tensor, step: Int, _ s: RecurrentShape) {
        Gemm.multiply(m: s.n, n: cols.count, k: s.u, a: state, lda: s.t * s.u,
                      b: r.buffer.pointer + cols.lowerBound, ldb: s.width, beta: 1,
                      c: z + step * zWidth + cols.lowerBound, ldc: s.t * zWidth)
    }

    /// dh (N, U) = beta·dh + dz[:, step, cols] (N, C) · r[:, cols]ᵀ (C, U): the gradient a step passes back.
    static func backRecurrent(_ dz: UnsafePointer<Float>, cols: Range<Int>, r: Tensor, step: Int, beta: Float,
                              into dh: UnsafeMutablePointer<Float>, _ s: RecurrentShape) {
        Gemm.multiply(transB: true, m: s.n, n: s.u, k: cols.count, a: dz + step * s.width + cols.lowerBound,
                      lda: s.t * s.width, b: r.buffer.pointer + cols.lowerBound, ldb: s.width, beta: beta, c: dh, ldc: s.u)
    }

    /// The states one step late: hp[:, t] = h[:, t - 1], hp[:, 0] = 0. h, hp (N, T, U).
    static func previous(_ h: UnsafePointer<Float>, _ s: RecurrentShape) -> Buffer {
        let hp = Buffer(count: s.n * s.t * s.u)
        for n in 0..<s.n {
            let row = hp.pointer + n * s.t * s.u
            row.initialize(repeating: 0, count: s.u)
            if s.t > 1 { (row + s.u).update(from: h + n * s.t * s.u, count: (s.t - 1) * s.u) }
        }
        return hp
    }

    /// Runs `body(n, zo, o)` for every batch row n at `step`, in fixed blocks of rows on the pool (rows never
    /// overlap): zo is the row's offset in an (N, T, G·U) buffer, o in an (N, T, U) one.
    @inline(__always) static func eachRow(_ s: RecurrentShape, step: Int, _ body: (_ n: Int, _ zo: Int, _ o: Int) -> Void) {
        Parallel.rows(s.n, width: s.width) { rows in
            for n in rows { body(n, (n * s.t + step) * s.width, (n * s.t + step) * s.u) }
        }
    }

    /// After the steps: dW += xᵀ·dZ, the bias row at `biasOffset` += column sums of dZ, dx += dZ·Wᵀ.
    /// x (N·T, D), dZ (N·T, W), w (D, W).
    static func inputGradients(_ x: Tensor, _ w: Tensor, _ bias: Tensor, biasOffset: Int = 0, dz: UnsafeMutablePointer<Float>,
                               _ s: RecurrentShape) {
        let rows = s.n * s.t
        if w.requiresGrad {
            let (dw, fresh) = w.gradPointerForWriting()
            Gemm.multiply(transA: true, m: s.d, n: s.width, k: rows, a: x.buffer.pointer, lda: s.d, b: dz, ldb: s.width,
                          beta: fresh ? 0 : 1, c: dw, ldc: s.width)
        }
        if bias.requiresGrad { Tensor.columnSums(dz, rows: rows, cols: s.width, into: bias.gradPointer() + biasOffset) }
        if x.requiresGrad {
            let (dx, fresh) = x.gradPointerForWriting()
            Gemm.multiply(transB: true, m: rows, n: s.d, k: s.width, a: dz, lda: s.width, b: w.buffer.pointer, ldb: s.width,
                          beta: fresh ? 0 : 1, c: dx, ldc: s.d)
        }
    }

    /// dR[:, cols] (U, C) += hpᵀ (U, N·T) · dZ[:, cols] (N·T, C), with hp (N·T, U) and dZ rows W wide.
    static func recurrentGradient(_ r: Tensor, hp: UnsafePointer<Float>, dz: UnsafePointer<Float>, cols: Range<Int>,
                                  _ s: RecurrentShape) {
        guard r.requiresGrad else { return }
        Gemm.multiply(transA: true, m: s.u, n: cols.count, k: s.n * s.t, a: hp, lda: s.u, b: dz + cols.lowerBound,
                      ldb: s.width, beta: 1, c: r.gradPointer() + cols.lowerBound, ldc: s.width)
    }
}

extension Tensor {
    /// SimpleRNN: h_t = f(x_t·W + h_{t-1}·R + b), h_{-1} = 0.
    /// x (N, T, D), kernel (D, U), recurrent (U, U), bias (U) -> h (N, T, U); `activation` nil is linear.
    public static func simpleRNN(_ x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor,
                                 activation: Activation?) throws -> Tensor {
        let s = try RecurrentShape(op: "simplernn", x: x, kernel: kernel, recurrent: recurrent, bias: bias, gates: 1)
        let u = s.u, steps = s.t
        let a = Recurrence.project(x, kernel, bias: bias.buffer.pointer, s)   // pre-activations (N, T, U)
        let h = Buffer(count: s.n * s.t * u)
        let A = SharedPointer(a.pointer), H = SharedPointer(h.pointer)
        for t in 0..<steps {
            if t > 0 { Recurrence.addRecurrent(a.pointer, zWidth: u, cols: 0..<u, state: h.pointer + (t - 1) * u, r: recurrent, step: t, s) }
            Recurrence.eachRow(s, step: t) { _, o, _ in for j in 0..<u { H[o + j] = activation.value(A[o + j]) } }
        }
        return make([s.n, s.t, u], h, inputs: [x, kernel, recurrent, bias]) { out in
            let g = SharedPointer(out.grad!.pointer)
            let da = Buffer(count: s.n * s.t * u), dh = Buffer.zeroed(s.n * u)   // dZ (N, T, U); dh_{t} from step t+1 (N, U)
            let DA = SharedPointer(da.pointer), DH = SharedPointer(dh.pointer)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                Recurrence.eachRow(s, step: t) { n, o, _ in
                    for j in 0..<u { DA[o + j] = (g[o + j] + DH[n * u + j]) * activation.derivative(x: A[o + j], y: H[o + j]) }
                }
                if t > 0 { Recurrence.backRecurrent(da.pointer, cols: 0..<u, r: recurrent, step: t, beta: 0, into: dh.pointer, s) }
            }
            let hp = Recurrence.previous(h.pointer, s)
            Recurrence.recurrentGradient(recurrent, hp: hp.pointer, dz: da.pointer, cols: 0..<u, s)
            Recurrence.inputGradients(x, kernel, bias, dz: da.pointer, s)
            withExtendedLifetime(a) {}   // the pre-activations, read above through A
        }
    }
}
