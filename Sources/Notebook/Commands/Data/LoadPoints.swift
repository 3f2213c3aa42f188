import Datasets

/// `load points KIND [count=N] [validation=N] [test=N] [noise=F] [classes=K] [target=classes|value|input] [seed=N]`:
/// TensorFlow Playground's 2-D point sets, made current and drawn.
public struct LoadPoints: CommandEntry {
    public static let spec = CommandSpec(
        "load points", .data, "generate 2-D points with labels (Playground's moons, circles, xor, spiral, gaussians), make them current and draw them",
        positionals: [ParameterSpec("kind", .choice(noun: "point set", words: PointsDataset.Kind.words),
                                    "the arrangement of the points", required: true, placeholder: "moons|circles|xor|spiral|gaussians")],
        options: [
            ParameterSpec("count", .integer, "training points", default: "500", range: .between(1, Double(PointsDataset.maximumCount))),
            ParameterSpec("validation", .integer, "held-out points training validates on", default: "200", range: .between(1, Double(PointsDataset.maximumCount))),
            ParameterSpec("test", .integer, "held-out test points", default: "200", range: .between(1, Double(PointsDataset.maximumCount))),
            ParameterSpec("noise", .number, "standard deviation of the jitter added to x and y", default: "0.05",
                          range: .between(PointsDataset.noiseRange.lowerBound, PointsDataset.noiseRange.upperBound)),
            ParameterSpec("classes", .integer, "clusters of gaussians (the other kinds have 2 classes)", note: "2",
                          range: .between(Double(PointsDataset.classRange.lowerBound), Double(PointsDataset.classRange.upperBound))),
            ParameterSpec("target", .choice(noun: "target", words: PointsDataset.Target.words),
                          "classes; value: regression on sin(pi x) cos(pi y / 2); input: the point itself (an autoencoder)",
                          default: "classes", placeholder: "classes|value|input"),
            ParameterSpec("seed", .integer, "generator seed", note: "the session seed", range: .atLeast(0)),
        ],
        example: "load points spiral count=600 noise=0.05",
        details: "Each example is a point (x, y), both about in -1...1, so a model takes inputs of shape [2]. moons: two interleaved half circles; "
            + "circles: a disc inside a ring; xor: class 0 where x and y have the same sign; spiral: two arms turning 1.75 times; "
            + "gaussians: classes= round clusters (sd 0.15) on a circle. noise jitters both coordinates (the class stays the point's before the jitter). "
            + "target=value makes it a regression set: each point's target is sin(pi x) cos(pi y / 2), learned with `dense 1` and loss=mse. "
            + "target=input makes each point its own target, (x, y), learned with `dense 2` and loss=mse (an autoencoder: `show reconstructions`, `show latent`); "
            + "the classes stay and colour the points. "
            + "The validation split (what training validates on after each epoch) and the test split (read only by a command that names it) "
            + "come from two other streams of the same seed. Draws the training points coloured by class (a mark per class without colour).")
    public static let effect = CommandEffect.changesSession
    public static let canBind = true

    public var kind: Located<PointsDataset.Kind>
    public var count: Located<Int>
    public var validation: Located<Int>
    public var test: Located<Int>
    public var noise: Located<Double>
    /// nil: 2.
    public var classes: Located<Int>?
    public var target: Located<PointsDataset.Target>
    /// nil: the session seed.
    public var seed: Located<Int>?

    public init(_ a: Arguments) throws(Diagnostic) {
        kind = try a.required("kind")
        count = try a.required("count")
        validation = try a.required("validation")
        test = try a.required("test")
        noise = try a.required("noise")
        classes = a.optional("classes")
        target = try a.required("target")
        seed = a.optional("seed")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.register(label: Self.spec.name, binding: statement.binding, at: statement.verbRange) {
            let entry = try context.loadPoints(self, binding: statement.binding, at: statement.verbRange)
            return (entry, (entry.source as? PointSplits).map { context.pointsScatter(entry.name, $0) })
        }
    }
}
