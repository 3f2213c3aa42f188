/// `train gan GENERATOR DISCRIMINATOR N [ratio=K] [lr=F]`: two bound models trained against each other.
public struct TrainGAN: CommandEntry {
    public static let spec = CommandSpec(
        "train gan", .training, "train a generator and a discriminator against each other for N epochs (a GAN)",
        positionals: [
            ParameterSpec("generator", .name, "a bound model from a code vector to a picture", required: true, placeholder: "GENERATOR"),
            ParameterSpec("discriminator", .name, "a bound model from a picture to one score", required: true, placeholder: "DISCRIMINATOR"),
            ParameterSpec("epochs", .integer, "passes over the current data's training pictures", required: true,
                          range: .between(1, Limits.epochs), placeholder: "N"),
        ],
        options: [
            ParameterSpec("ratio", .integer, "discriminator steps per generator step", default: "1", range: .between(1, Limits.ganRatio)),
            ParameterSpec("lr", .number, "Adam's learning rate for both models", default: "0.0002", range: .openClosed(0, 1)),
        ],
        example: "train gan gen disc 5 ratio=1",
        details: "Each discriminator step takes a batch of real pictures x and as many fakes G(z), z ~ N(0, 1), with "
            + "d_loss = BCE(D(x), 1) + BCE(D(G(z)), 0); after every `ratio` of them a generator step takes fresh codes with the "
            + "non-saturating g_loss = BCE(D(G(z)), 1) and moves the generator only. Both models use Adam; running `train gan` "
            + "again on the same pair goes on with the same optimiser state. The batch size is the session's (`batch`). Both losses "
            + "are charted per step at the end; `watch samples` redraws a fixed set of generated pictures after every epoch. "
            + "The generator's output must have the pictures' shape (end it in sigmoid: pixels are in [0, 1]); the discriminator "
            + "ends in `dense 1` (a logit) or `dense 1 sigmoid`. Class labels are not used.")
    public static let effect = CommandEffect.changesModel

    public var generator: Located<String>
    public var discriminator: Located<String>
    public var epochs: Located<Int>
    public var ratio: Located<Int>
    public var lr: Located<Double>

    public init(_ a: Arguments) throws(Diagnostic) {
        generator = try a.required("generator")
        discriminator = try a.required("discriminator")
        epochs = try a.required("epochs")
        ratio = try a.required("ratio")
        lr = try a.required("lr")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.trainGAN(self, at: statement.verbRange)
    }
}
