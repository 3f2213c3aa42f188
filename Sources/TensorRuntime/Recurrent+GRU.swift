extension Tensor {
    /// GRU with Keras 3's default reset_after=True (gates z, r, h side by side; σ the sigmoid):
    ///
    ///     x̂ = x_t·W + b_in,  ĥ = h_{t-1}·R + b_rec      both (N, 3U) = [_z, _r, _h]
    ///     z = σ(x̂_z + ĥ_z), r = σ(x̂_r + ĥ_r), a = x̂_h + r·ĥ_h, h̃ = act(a)
    ///     h_t = z·h_{t-1} + (1 - z)·h̃,  h_{-1} = 0
    ///
    /// x (N, T, D), kernel (D, 3U), recurrent (U, 3U), bias (2, 3U) (row 0 b_in, row 1 b_rec) -> h (N, T, U).
    /// Kept for backward: x̂ and ĥ, (N, T, 3U) each.
    public static func gru(_ x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor, activation: Activation?) throws -> Tensor {
        let s = try RecurrentShape(op: "gru", x: x, kernel: kernel, recurrent: recurrent, bias: bias, gates: 3, biasRows: 2)
        let u = s.u, w = s.width, steps = s.t
        let xh = Recurrence.project(x, kernel, bias: bias.buffer.pointer, s)    // x̂ (N, T, 3U)
        let hh = Buffer(count: s.n * steps * w), h = Buffer(count: s.n * steps * u)   // ĥ (N, T, 3U)
        let XH = SharedPointer(xh.pointer), HH = SharedPointer(hh.pointer), H = SharedPointer(h.pointer)
        let B = SharedPointer(bias.buffer.pointer + w)
        for t in 0..<steps {
            Recurrence.eachRow(s, step: t) { _, zo, _ in for j in 0..<w { HH[zo + j] = B[j] } }
            if t > 0 { Recurrence.addRecurrent(hh.pointer, zWidth: w, cols: 0..<w, state: h.pointer + (t - 1) * u, r: recurrent, step: t, s) }
            Recurrence.eachRow(s, step: t) { _, zo, o in
                for j in 0..<u {
                    let z = Recurrence.sigmoid(XH[zo + j] + HH[zo + j]), r = Recurrence.sigmoid(XH[zo + u + j] + HH[zo + u + j])
                    let candidate = activation.value(XH[zo + 2 * u + j] + r * HH[zo + 2 * u + j])
                    H[o + j] = z * (t > 0 ? H[o - u + j] : 0) + (1 - z) * candidate
                }
            }
        }
        return make([s.n, steps, u], h, inputs: [x, kernel, recurrent, bias]) { out in
            let G = SharedPointer(out.grad!.pointer)
            // dx̂ and dĥ (N, T, 3U); dh flowing from step t+1 into step t (N, U).
            let dxh = Buffer(count: s.n * steps * w), dhh = Buffer(count: s.n * steps * w), dh = Buffer.zeroed(s.n * u)
            let DXH = SharedPointer(dxh.pointer), DHH = SharedPointer(dhh.pointer), DH = SharedPointer(dh.pointer)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                Recurrence.eachRow(s, step: t) { n, zo, o in
                    for j in 0..<u {
                        let z = Recurrence.sigmoid(XH[zo + j] + HH[zo + j]), r = Recurrence.sigmoid(XH[zo + u + j] + HH[zo + u + j])
                        let a = XH[zo + 2 * u + j] + r * HH[zo + 2 * u + j], candidate = activation.value(a)
                        let hPrev = t > 0 ? H[o - u + j] : 0
                        let dhj = G[o + j] + DH[n * u + j]
                        let da = dhj * (1 - z) * activation.derivative(x: a, y: candidate)
                        let dzPre = dhj * (hPrev - candidate) * z * (1 - z)
                        let drPre = da * HH[zo + 2 * u + j] * r * (1 - r)
                        DXH[zo + j] = dzPre; DXH[zo + u + j] = drPre; DXH[zo + 2 * u + j] = da
                        DHH[zo + j] = dzPre; DHH[zo + u + j] = drPre; DHH[zo + 2 * u + j] = da * r
                        DH[n * u + j] = dhj * z                                          // the direct path to h_{t-1}
                    }
                }
                if t > 0 { Recurrence.backRecurrent(dhh.pointer, cols: 0..<w, r: recurrent, step: t, beta: 1, into: dh.pointer, s) }
            }
            let hp = Recurrence.previous(h.pointer, s)
            Recurrence.recurrentGradient(recurrent, hp: hp.pointer, dz: dhh.pointer, cols: 0..<w, s)
            if bias.requiresGrad { Tensor.columnSums(dhh.pointer, rows: s.n * steps, cols: w, into: bias.gradPointer() + w) }
            Recurrence.inputGradients(x, kernel, bias, dz: dxh.pointer, s)
            withExtendedLifetime((xh, hh)) {}   // kept for backward, read above through XH and HH
        }
    }

    /// GRU with reset_after=False (Keras 2's original form; one bias (3U)):
    ///
    ///     z = σ(x_t·W_z + h_{t-1}·R_z + b_z), r = σ(x_t·W_r + h_{t-1}·R_r + b_r)
    ///     a = x_t·W_h + (r·h_{t-1})·R_h + b_h, h̃ = act(a),  h_t = z·h_{t-1} + (1 - z)·h̃
    ///
    /// x (N, T, D), kernel (D, 3U), recurrent (U, 3U), bias (3U) -> h (N, T, U). Kept for backward: the
    /// pre-activations (N, T, 3U) and r·h_{t-1} (N, T, U).
    public static func gruResetBefore(_ x: Tensor, kernel: Tensor, recurrent: Tensor, bias: Tensor,
                                      activation: Activation?) throws -> Tensor {
        let s = try RecurrentShape(op: "gru", x: x, kernel: kernel, recurrent: recurrent, bias: bias, gates: 3)
        let u = s.u, w = s.width, steps = s.t
        let z = Recurrence.project(x, kernel, bias: bias.buffer.pointer, s)     // pre-activations (N, T, 3U)
        let rh = Buffer.zeroed(s.n * steps * u), h = Buffer(count: s.n * steps * u)   // r·h_{t-1} (N, T, U)
        let Z = SharedPointer(z.pointer), RH = SharedPointer(rh.pointer), H = SharedPointer(h.pointer)
        for t in 0..<steps {
            if t > 0 {
                Recurrence.addRecurrent(z.pointer, zWidth: w, cols: 0..<(2 * u), state: h.pointer + (t - 1) * u, r: recurrent, step: t, s)
                Recurrence.eachRow(s, step: t) { _, zo, o in
                    for j in 0..<u { RH[o + j] = Recurrence.sigmoid(Z[zo + u + j]) * H[o - u + j] }
                }
                // a[:, t] += (r·h_{t-1}) (N, U) · R_h (U, U).
                Recurrence.addRecurrent(z.pointer, zWidth: w, cols: (2 * u)..<w, state: rh.pointer + t * u, r: recurrent, step: t, s)
            }
            Recurrence.eachRow(s, step: t) { _, zo, o in
                for j in 0..<u {
                    let zg = Recurrence.sigmoid(Z[zo + j]), candidate = activation.value(Z[zo + 2 * u + j])
                    H[o + j] = zg * (t > 0 ? H[o - u + j] : 0) + (1 - zg) * candidate
                }
            }
        }
        return make([s.n, steps, u], h, inputs: [x, kernel, recurrent, bias]) { out in
            let G = SharedPointer(out.grad!.pointer)
            // dZ (N, T, 3U); dh flowing into step t (N, U); d(r·h_{t-1}) of one step (N, U).
            let dz = Buffer(count: s.n * steps * w), dh = Buffer.zeroed(s.n * u), drh = Buffer(count: s.n * u)
            let DZ = SharedPointer(dz.pointer), DH = SharedPointer(dh.pointer), DRH = SharedPointer(drh.pointer)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                Recurrence.eachRow(s, step: t) { n, zo, o in
                    for j in 0..<u {
                        let zg = Recurrence.sigmoid(Z[zo + j]), candidate = activation.value(Z[zo + 2 * u + j])
                        let hPrev = t > 0 ? H[o - u + j] : 0
                        let dhj = G[o + j] + DH[n * u + j]
                        DZ[zo + j] = dhj * (hPrev - candidate) * zg * (1 - zg)
                        DZ[zo + 2 * u + j] = dhj * (1 - zg) * activation.derivative(x: Z[zo + 2 * u + j], y: candidate)
                        DZ[zo + u + j] = 0
                        DH[n * u + j] = dhj * zg
                    }
                }
                guard t > 0 else { continue }
                // d(r·h_{t-1}) (N, U) = da (N, U) · R_hᵀ.
                Recurrence.backRecurrent(dz.pointer, cols: (2 * u)..<w, r: recurrent, step: t, beta: 0, into: drh.pointer, s)
                Recurrence.eachRow(s, step: t) { n, zo, o in
                    for j in 0..<u {
                        let r = Recurrence.sigmoid(Z[zo + u + j]), d = DRH[n * u + j]
                        DZ[zo + u + j] = d * H[o - u + j] * r * (1 - r)
                        DH[n * u + j] += d * r
                    }
                }
                Recurrence.backRecurrent(dz.pointer, cols: 0..<(2 * u), r: recurrent, step: t, beta: 1, into: dh.pointer, s)
            }
            let hp = Recurrence.previous(h.pointer, s)
            Recurrence.recurrentGradient(recurrent, hp: hp.pointer, dz: dz.pointer, cols: 0..<(2 * u), s)
            // rh at step t is r_t·h_{t-1}: already aligned with dZ's step t.
            Recurrence.recurrentGradient(recurrent, hp: rh.pointer, dz: dz.pointer, cols: (2 * u)..<w, s)
            Recurrence.inputGradients(x, kernel, bias, dz: dz.pointer, s)
            withExtendedLifetime(z) {}   // kept for backward, read above through Z
        }
    }
}
