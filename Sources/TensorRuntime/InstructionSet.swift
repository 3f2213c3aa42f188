import CKernels

/// The instruction-set path CKernels' fixed-order kernels run on (matrix products, sums, exp/log/tanh/erf).
///
/// Every path computes the same operations in the same order, so the choice changes the speed and never
/// a bit of a result. Chosen once at load: `GRADBOOK_ISA` (avx512, avx2, neon, baseline) when the CPU has
/// it, otherwise the best it has; a name the CPU lacks (or an unknown one) is refused with a line on
/// stderr (`note`) and the best path is used instead.
public enum InstructionSet: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// Plain C: SSE2 on x86-64 (or any CPU), each fused multiply-add through the C library's fmaf.
    case baseline = 0
    /// AVX2 and FMA3 (x86-64).
    case avx2 = 1
    /// AVX-512 F, VL and DQ (x86-64).
    case avx512 = 2
    /// Advanced SIMD (arm64).
    case neon = 3

    /// The path in use.
    public static var current: InstructionSet { InstructionSet(rawValue: ck_isa_current()) ?? .baseline }

    /// The best path this CPU supports.
    public static var best: InstructionSet { InstructionSet(rawValue: ck_isa_best()) ?? .baseline }

    /// The paths this CPU supports, baseline first.
    public static var available: [InstructionSet] { allCases.filter(\.isAvailable) }

    /// What happened to `GRADBOOK_ISA` at load (refused or unknown, and the path used instead), or nil.
    public static var note: String? { ck_isa_note().map { String(cString: $0) } }

    /// Whether this CPU supports the path.
    public var isAvailable: Bool { ck_isa_available(rawValue) != 0 }

    /// "baseline", "avx2", "avx512", "neon".
    public var description: String { String(cString: ck_isa_name(rawValue)) }

    /// The path named `name` (case-insensitive), or nil.
    public init?(name: String) {
        let raw = ck_isa_parse(name)
        guard raw >= 0, let isa = InstructionSet(rawValue: raw) else { return nil }
        self = isa
    }

    /// Switches every CKernels kernel to `isa` from the next call on; false (nothing changes) when the CPU
    /// lacks it. Call it between computations, not while kernels run.
    @discardableResult
    public static func use(_ isa: InstructionSet) -> Bool { ck_isa_set(isa.rawValue) == 0 }

    /// Runs `body` on path `isa` (when available) and restores the path before.
    public static func with<R>(_ isa: InstructionSet, _ body: () throws -> R) rethrows -> R {
        let before = current
        use(isa)
        defer { use(before) }
        return try body()
    }
}
