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
                Recurrence.lstmGates(Z.base + zo, u, activation) { gate in
                    for j in 0..<u { C[o + j] = gate[u + j] * (t > 0 ? C[o - u + j] : 0) + gate[j] * gate[2 * u + j] }
                    activation.apply(C.base + o, H.base + o, count: u)
                    for j in 0..<u { H[o + j] *= gate[3 * u + j] }
                }
            }
        }
        return make([s.n, steps, u], h, inputs: [x, kernel, recurrent, bias]) { out in
            let G = SharedPointer(out.grad!.pointer)
            // dZ (N, T, 4U); dh and dc flowing from step t+1 into step t (N, U).
            let dz = Buffer(count: s.n * steps * w), dh = Buffer.zeroed(s.n * u), dc = Buffer.zeroed(s.n * u)
            let DZ = SharedPointer(dz.pointer), DH = SharedPointer(dh.pointer), DC = SharedPointer(dc.pointer)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                Recurrence.eachRow(s, step: t) { n, zo, o in Recurrence.lstmGates(Z.base + zo, u, activation, cells: C.base + o) { gate in
                    for j in 0..<u {
                        let i = gate[j], f = gate[u + j], g = gate[2 * u + j], og = gate[3 * u + j], ac = gate[4 * u + j]
                        let cell = C[o + j], cellPrev = t > 0 ? C[o - u + j] : 0
                        let dhj = G[o + j] + DH[n * u + j]
                        let dcj = DC[n * u + j] + dhj * og * activation.derivative(x: cell, y: ac)
                        DC[n * u + j] = dcj * f                                          // dc_{t-1}
                        DZ[zo + j] = dcj * g * i * (1 - i)                               // d z_i
                        DZ[zo + u + j] = dcj * cellPrev * f * (1 - f)                    // d z_f
                        DZ[zo + 2 * u + j] = dcj * i * activation.derivative(x: Z[zo + 2 * u + j], y: g)  // d z_c
                        DZ[zo + 3 * u + j] = dhj * ac * og * (1 - og)                    // d z_o
                    }
                } }
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
    /// One row's gates from its pre-activations z (4U) = [z_i, z_f, z_c, z_o], computed a run at a time into
    /// scratch passed to `body`: gate (4U) = [σ(z_i), σ(z_f), act(z_c), σ(z_o)], followed by act(cells) (U)
    /// when `cells` is given.
    @inline(__always)
    static func lstmGates(_ z: UnsafePointer<Float>, _ u: Int, _ activation: Activation?, cells: UnsafePointer<Float>? = nil,
                          _ body: (UnsafePointer<Float>) -> Void) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 5 * u) { scratch in
            let gate = scratch.baseAddress!
            FixedMath.apply(.sigmoid, z, gate, count: 2 * u)
            activation.apply(z + 2 * u, gate + 2 * u, count: u)
            FixedMath.apply(.sigmoid, z + 3 * u, gate + 3 * u, count: u)
            if let cells { activation.apply(cells, gate + 4 * u, count: u) }
            body(gate)
        }
    }
}
