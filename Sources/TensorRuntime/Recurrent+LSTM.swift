extension Tensor {
    /// LSTM (Keras's equations, gates i, f, c, o side by side; σ the sigmoid, f the activation, tanh by default):
    ///
    ///     z = x_t·W + h_{t-1}·R + b            z (N, 4U) = [z_i, z_f, z_c, z_o]
    ///     i = σ(z_i), f = σ(z_f), g = act(z_c), o = σ(z_o)
    ///     c_t = f·c_{t-1} + i·g,  h_t = o·act(c_t),  h_{-1} = c_{-1} = 0
    ///
    /// x (N, T, D), kernel (D, 4U), recurrent (U, 4U), bias (4U) -> h (N, T, U). Kept for backward: z and c
    /// (N, T, 4U) and (N, T, U); the gate values are recomputed from z.
    public static func lstm(_ x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor, activation: Activation?) throws -> Tensor {
        let s = try RecurrentShape(op: "lstm", x: x, kernel: kernel, recurrent: recurrent, bias: bias, gates: 4)
        let u = s.u, w = s.width, steps = s.t
        let z = Recurrence.project(x, kernel, bias: bias.buffer.pointer, s)   // (N, T, 4U)
        let c = Buffer(count: s.n * steps * u), h = Buffer(count: s.n * steps * u)
        let Z = SharedPointer(z.pointer), C = SharedPointer(c.pointer), H = SharedPointer(h.pointer)
        for t in 0..<steps {
            if t > 0 { Recurrence.addRecurrent(z.pointer, zWidth: w, cols: 0..<w, state: h.pointer + (t - 1) * u, r: recurrent, step: t, s) }
            Recurrence.eachRow(s, step: t) { _, zo, o in
                for j in 0..<u {
                    let (i, f, g, og) = Recurrence.lstmGates(Z, zo + j, u, activation)
                    let cell = f * (t > 0 ? C[o - u + j] : 0) + i * g
                    C[o + j] = cell
                    H[o + j] = og * activation.value(cell)
                }
            }
        }
        return make([s.n, steps, u], h, inputs: [x, kernel, recurrent, bias]) { out in
            let G = SharedPointer(out.grad!.pointer)
            // dZ (N, T, 4U); dh and dc flowing from step t+1 into step t (N, U).
            let dz = Buffer(count: s.n * steps * w), dh = Buffer.zeroed(s.n * u), dc = Buffer.zeroed(s.n * u)
            let DZ = SharedPointer(dz.pointer), DH = SharedPointer(dh.pointer), DC = SharedPointer(dc.pointer)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                Recurrence.eachRow(s, step: t) { n, zo, o in
                    for j in 0..<u {
                        let (i, f, g, og) = Recurrence.lstmGates(Z, zo + j, u, activation)
                        let cell = C[o + j], cellPrev = t > 0 ? C[o - u + j] : 0, ac = activation.value(cell)
                        let dhj = G[o + j] + DH[n * u + j]
                        let dcj = DC[n * u + j] + dhj * og * activation.derivative(x: cell, y: ac)
                        DC[n * u + j] = dcj * f                                          // dc_{t-1}
                        DZ[zo + j] = dcj * g * i * (1 - i)                               // d z_i
                        DZ[zo + u + j] = dcj * cellPrev * f * (1 - f)                    // d z_f
                        DZ[zo + 2 * u + j] = dcj * i * activation.derivative(x: Z[zo + 2 * u + j], y: g)  // d z_c
                        DZ[zo + 3 * u + j] = dhj * ac * og * (1 - og)                    // d z_o
                    }
                }
                if t > 0 { Recurrence.backRecurrent(dz.pointer, cols: 0..<w, r: recurrent, step: t, beta: 0, into: dh.pointer, s) }
            }
            let hp = Recurrence.previous(h.pointer, s)
            Recurrence.recurrentGradient(recurrent, hp: hp.pointer, dz: dz.pointer, cols: 0..<w, s)
            Recurrence.inputGradients(x, kernel, bias, dz: dz.pointer, s)
            withExtendedLifetime((z, c, dc)) {}   // read above through Z, C and DC only
        }
    }
}

extension Recurrence {
    /// An LSTM unit's gates (i, f, g, o) from its pre-activations at `at`, `at + U`, `at + 2U`, `at + 3U`.
    @inline(__always)
    static func lstmGates(_ z: SharedPointer<Float>, _ at: Int, _ u: Int, _ activation: Activation?) -> (Float, Float, Float, Float) {
        (sigmoid(z[at]), sigmoid(z[at + u]), activation.value(z[at + 2 * u]), sigmoid(z[at + 3 * u]))
    }
}
