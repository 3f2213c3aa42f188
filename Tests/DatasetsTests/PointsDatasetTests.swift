import Foundation
import Testing
@testable import Datasets

@Suite struct PointsDatasetTests {
    @Test(arguments: PointsDataset.Kind.allCases)
    func generationIsDeterministicBalancedAndInTheSquare(kind: PointsDataset.Kind) throws {
        let classes = kind == .gaussians ? 4 : 2
        let a = try PointsDataset.make(kind, count: 400, noise: 0, classes: classes, seed: 7)
        let b = try PointsDataset.make(kind, count: 400, noise: 0, classes: classes, seed: 7)
        let c = try PointsDataset.make(kind, count: 400, noise: 0, classes: classes, seed: 8)
        #expect(a == b)
        #expect(a.coordinates != c.coordinates)
        #expect(a.count == 400 && a.coordinates.count == 800)
        // Point i has class i % classes, so every class has its share.
        #expect(a.labels.enumerated().allSatisfy { Int($0.element) == $0.offset % classes })
        // Gaussian clusters have tails; the other kinds stay inside the square without noise.
        let bound: Float = kind == .gaussians ? 1.5 : 1.0001
        #expect(a.coordinates.allSatisfy { abs($0) <= bound })
    }

    @Test func theClassesAreWhereTheKindSays() throws {
        let xor = try PointsDataset.make(.xor, count: 200)
        for i in 0..<xor.count {
            let (x, y) = (xor.coordinates[2 * i], xor.coordinates[2 * i + 1])
            #expect((x * y > 0) == (xor.labels[i] == 0))
        }
        let circles = try PointsDataset.make(.circles, count: 200)
        for i in 0..<circles.count {
            let r = (circles.coordinates[2 * i] * circles.coordinates[2 * i] + circles.coordinates[2 * i + 1] * circles.coordinates[2 * i + 1]).squareRoot()
            #expect(circles.labels[i] == 0 ? r <= 0.45 : (r >= 0.65 && r <= 0.95))
        }
        // The two spiral arms are half a turn apart: a point and its mirror through the origin swap arms.
        let spiral = try PointsDataset.make(.spiral, count: 2)
        #expect(spiral.labels == [0, 1])
    }

    @Test func noiseJittersAndTheRegressionTargetIsTheDocumentedFunction() throws {
        let clean = try PointsDataset.make(.moons, count: 100, noise: 0, seed: 1)
        let noisy = try PointsDataset.make(.moons, count: 100, noise: 0.2, seed: 1)
        #expect(clean.labels == noisy.labels)
        #expect(clean.coordinates != noisy.coordinates)
        let values = try PointsDataset.make(.circles, count: 50, target: .value, seed: 2)
        let (x, y) = (Double(values.coordinates[6]), Double(values.coordinates[7]))
        #expect(abs(Double(values.value(at: 3)) - sin(Double.pi * x) * cos(Double.pi * y / 2)) < 1e-5)
        #expect(values.target == .value && values.labels.count == 50)
    }

    @Test(arguments: [
        (PointsDataset.Kind.spiral, -1, 0.0, 2, "-1 points"),
        (.spiral, 100_001, 0.0, 2, "a split holds 0...100000"),
        (.moons, 10, 0.6, 2, "noise 0.6 is outside 0.0...0.5"),
        (.moons, 10, Double.nan, 2, "noise nan"),
        (.xor, 10, 0.0, 3, "xor has 2 classes, not 3"),
        (.gaussians, 10, 0.0, 9, "gaussians with 9 classes: use 2...8"),
        (.gaussians, 10, 0.0, 1, "gaussians with 1 classes"),
    ])
    func badArgumentsAreNamed(kind: PointsDataset.Kind, count: Int, noise: Double, classes: Int, message: String) {
        #expect { try PointsDataset.make(kind, count: count, noise: noise, classes: classes) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
