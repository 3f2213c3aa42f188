import Foundation
import TensorRuntime

/// Which OpenBLAS kernels the products ran with, and whether OPENBLAS_CORETYPE from the environment
/// forced an older family than the CPU supports (some machines set it; Gradbook keeps a user's value).
public struct BLASReport {
    /// Set beside OPENBLAS_CORETYPE when Gradbook chose the value itself (the executable re-executes itself
    /// with the value `BLASKernel.preferredCoreType()` names), so the report can tell it from a user's.
    public static let coreTypeMarker = "GRADBOOK_CHOSE_CORETYPE"

    /// The family OpenBLAS runs (`SkylakeX`).
    let kernel: String
    /// OpenBLAS's build description.
    let config: String
    /// The newest family the CPU's flags allow, when known.
    let cpuKernel: String?
    /// OPENBLAS_CORETYPE as the environment gave it (nil when unset, or set by Gradbook itself at start).
    let environment: String?

    /// Families in age order; the generic ones first. Families not listed are not compared.
    private static let ranks: [String: Int] = [
        "Prescott": 0, "Core2": 0, "Nehalem": 0, "Katmai": 0, "Coppermine": 0, "Northwood": 0, "Banias": 0,
        "Atom": 0, "Penryn": 0, "Dunnington": 0,
        "SandyBridge": 1, "Haswell": 2, "Zen": 2, "SkylakeX": 3, "Cooperlake": 4, "SapphireRapids": 5,
    ]

    static func current() -> BLASReport {
        let chosenByGradbook = getenv(Self.coreTypeMarker) != nil
        let environment = chosenByGradbook ? nil : getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        return BLASReport(kernel: BLASKernel.coreName, config: BLASKernel.config.trimmingCharacters(in: .whitespaces),
                          cpuKernel: BLASKernel.cpuCoreType(), environment: environment)
    }

    /// True when the environment set OPENBLAS_CORETYPE and the kernel in use is older than the CPU's best.
    var forcedOlder: Bool {
        guard environment != nil, let cpuKernel, let used = Self.ranks[kernel], let best = Self.ranks[cpuKernel] else { return false }
        return used < best
    }

    /// `BLAS: OpenBLAS SkylakeX kernels (OpenBLAS 0.3.21 ...); the CPU supports SkylakeX`, and a warning
    /// line when the environment forced older kernels.
    var lines: [String] {
        var first = "BLAS: OpenBLAS \(kernel) kernels (\(config))"
        if let cpuKernel { first += "; the CPU supports \(cpuKernel)" }
        guard forcedOlder, let environment, let cpuKernel else { return [first] }
        return [first, "warning: OPENBLAS_CORETYPE=\(environment) in the environment forced \(kernel) kernels, older than "
                + "the \(cpuKernel) ones this CPU supports: matrix products run several times slower (unset it to compare)"]
    }
}
