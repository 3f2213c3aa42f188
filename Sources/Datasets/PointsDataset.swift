import Foundation
import TensorRuntime

/// Points in the plane with labels, TensorFlow Playground's data sets, generated from a seed.
///
/// Every example is one point (x, y), both about in [-1, 1] (noise can push a point a little past),
/// so a model takes inputs of shape [2]. Its target is its class (`Target.classes`) or a value of its
/// position (`Target.value`, regression):
/// - `moons`: two interleaved half circles (class 0 the upper, class 1 the lower);
/// - `circles`: a disc of radius 0.45 (class 0) inside a ring from 0.65 to 0.95 (class 1);
/// - `xor`: the square with class 0 where x and y have the same sign, class 1 where they differ;
/// - `spiral`: two arms turning 1.75 times round the origin, radius growing from 0 to 1 (class = arm);
/// - `gaussians`: `classes` round clusters (sd 0.15) whose centres sit evenly on a circle of radius 0.6.
///
/// `noise` is the standard deviation of a Gaussian jitter added to both coordinates after the point is
/// placed (the label stays that of the point before the jitter). Point `i` belongs to class `i % classes`
/// (so any prefix is balanced) and is drawn from its own stream, `SeededGenerator.derived(seed:stream: i + 1)`:
/// the same arguments give the same points on every machine.
///
/// The regression target is `value = sin(pi * x) * cos(pi * y / 2)` of the jittered point (in [-1, 1]).
public struct PointsDataset: Sendable, Equatable {
    /// The arrangement of the points.
    public enum Kind: String, CaseIterable, Sendable {
        case moons, circles, xor, spiral, gaussians

        /// One line saying what the classes are.
        public var summary: String {
            switch self {
            case .moons: return "two interleaved half circles"
            case .circles: return "a disc inside a ring"
            case .xor: return "quadrants: same sign against opposite signs"
            case .spiral: return "two arms of a spiral"
            case .gaussians: return "round clusters on a circle"
            }
        }
    }

    /// What each point's target is.
    public enum Target: String, CaseIterable, Sendable {
        /// The point's class index.
        case classes
        /// `sin(pi * x) * cos(pi * y / 2)` of its position.
        case value
        /// The point itself, (x, y): an autoencoder reconstructs it (the class stays, for colours).
        case input
    }

    /// The most points one split may hold.
    public static let maximumCount = 100_000
    /// Allowed noise (standard deviation of the jitter, in the plane's units).
    public static let noiseRange: ClosedRange<Double> = 0...0.5
    /// Allowed class counts of `gaussians` (the other kinds have two classes).
    public static let classRange = 2...8

    /// Human-readable name, e.g. "spiral/train".
    public let name: String
    public let kind: Kind
    public let target: Target
    /// Number of classes the points are labelled with (2, or `classes` for gaussians).
    public let classes: Int
    public let noise: Double
    /// Coordinates, `count * 2`, (x, y) per point.
    public let coordinates: [Float]
    /// Class index of each point (also kept for regression sets: it colours the scatter).
    public let labels: [Int32]

    /// Number of points (N).
    public var count: Int { labels.count }

    /// The regression target of a point.
    public static func value(x: Float, y: Float) -> Float {
        Float(sin(Double.pi * Double(x)) * cos(Double.pi * Double(y) / 2))
    }

    /// The target value of point `i` (`Target.value`).
    public func value(at i: Int) -> Float { Self.value(x: coordinates[2 * i], y: coordinates[2 * i + 1]) }

    /// Generates `count` points of `kind`. O(count).
    ///
    /// Throws `DatasetError.invalidArgument` for a count outside 0...maximumCount, noise outside `noiseRange`
    /// (or not finite), or classes outside `classRange` for gaussians (other kinds need 2).
    public static func make(_ kind: Kind, count: Int, noise: Double = 0, classes: Int = 2, target: Target = .classes,
                            seed: UInt64 = 0, name: String? = nil) throws(DatasetError) -> PointsDataset {
        guard count >= 0, count <= maximumCount else {
            throw .invalidArgument("\(count) points: a split holds 0...\(maximumCount)")
        }
        guard noise.isFinite, noiseRange.contains(noise) else {
            throw .invalidArgument("noise \(noise) is outside \(noiseRange.lowerBound)...\(noiseRange.upperBound)")
        }
        if kind == .gaussians {
            guard classRange.contains(classes) else {
                throw .invalidArgument("gaussians with \(classes) classes: use \(classRange.lowerBound)...\(classRange.upperBound)")
            }
        } else if classes != 2 {
            throw .invalidArgument("\(kind.rawValue) has 2 classes, not \(classes) (only gaussians takes classes=)")
        }
        var coordinates = [Float]()
        coordinates.reserveCapacity(2 * count)
        var labels = [Int32]()
        labels.reserveCapacity(count)
        for i in 0..<count {
            var generator = SeededGenerator.derived(seed: seed, stream: UInt64(i) &+ 1)
            let label = i % classes
            var (x, y) = place(kind, label: label, classes: classes, &generator)
            x += Float(noise) * generator.normal()
            y += Float(noise) * generator.normal()
            coordinates.append(x)
            coordinates.append(y)
            labels.append(Int32(label))
        }
        return PointsDataset(name: name ?? kind.rawValue, kind: kind, target: target, classes: classes, noise: noise,
                             coordinates: coordinates, labels: labels)
    }

    /// A point of class `label` before the jitter.
    static func place(_ kind: Kind, label: Int, classes: Int, _ g: inout SeededGenerator) -> (Float, Float) {
        switch kind {
        case .moons:
            // Half circles of radius 1 centred (0, 0) and (1, 0.5), scaled by 1/1.5 and centred on the origin.
            let angle = Double(g.uniform(0, 1)) * Double.pi
            let (x, y) = label == 0 ? (cos(angle), sin(angle)) : (1 - cos(angle), 0.5 - sin(angle))
            return (Float((x - 0.5) / 1.5), Float((y - 0.25) / 1.5))
        case .circles:
            let radius = label == 0 ? Double(g.uniform(0, 0.45)) : Double(g.uniform(0.65, 0.95))
            let angle = Double(g.uniform(0, 2)) * Double.pi
            return (Float(radius * cos(angle)), Float(radius * sin(angle)))
        case .xor:
            // A quadrant of the label, kept 0.05 away from the axes so the classes do not touch.
            var x = g.uniform(0.05, 1), y = g.uniform(0.05, 1)
            if g.next() & 1 == 1 { x = -x }
            if (x > 0) != (label == 0) { y = -y }
            return (x, y)
        case .spiral:
            let t = Double(g.uniform(0, 1))
            let angle = 1.75 * 2 * Double.pi * t + Double(label) * Double.pi
            return (Float(t * sin(angle)), Float(t * cos(angle)))
        case .gaussians:
            let centre = 2 * Double.pi * Double(label) / Double(classes)
            return (Float(0.6 * cos(centre)) + 0.15 * g.normal(), Float(0.6 * sin(centre)) + 0.15 * g.normal())
        }
    }
}
