// The training side of a Keras script: `compile_model` with the session's optimiser, loss and metrics, the
// schedule as a callback, the metrics Keras's core lacks, the targets in the form each loss reads.

import NeuralNet

enum KerasTraining {
    /// `compile_model(model)`.
    static func compile(_ plan: ExportPlan) -> String {
        let t = plan.training, c = t.optimizer
        let lr = PythonValue.float(c.effectiveLearningRate).literal
        let eps = PythonValue.float(OptimizerConfig.epsilon).literal
        let betas = "beta_1=\(PythonValue.float(OptimizerConfig.beta1).literal), beta_2=\(PythonValue.float(OptimizerConfig.beta2).literal)"
        let momentum = PythonValue.float(c.momentum ?? OptimizerConfig.defaultMomentum).literal
        let optimizer: String
        switch c.kind {
        case .sgd: optimizer = "keras.optimizers.SGD(learning_rate=\(lr), momentum=\(momentum), nesterov=\(PythonValue.bool(c.nesterov && (c.momentum ?? 0) > 0).literal))"
        case .adam: optimizer = "keras.optimizers.Adam(learning_rate=\(lr), \(betas), epsilon=\(eps))"
        case .adamw:
            let decay = PythonValue.float(c.weightDecay ?? OptimizerConfig.defaultWeightDecay).literal
            optimizer = "keras.optimizers.AdamW(learning_rate=\(lr), weight_decay=\(decay), \(betas), epsilon=\(eps))"
        case .rmsprop: optimizer = "keras.optimizers.RMSprop(learning_rate=\(lr), rho=\(PythonValue.float(OptimizerConfig.rho).literal), momentum=\(momentum), epsilon=\(eps))"
        }
        let logits = t.loss != .mse && t.loss != .mae && plan.layers[plan.outputLayerIndex].activation == .linear
        let loss: String
        switch t.loss {
        case .sparse_categorical_crossentropy: loss = "keras.losses.SparseCategoricalCrossentropy(from_logits=\(PythonValue.bool(logits).literal))"
        case .categorical_crossentropy: loss = "keras.losses.CategoricalCrossentropy(from_logits=\(PythonValue.bool(logits).literal))"
        case .binary_crossentropy: loss = "keras.losses.BinaryCrossentropy(from_logits=\(PythonValue.bool(logits).literal))"
        case .mse: loss = "\"mse\""
        case .mae: loss = "\"mae\""
        }
        let sparse = t.loss == .sparse_categorical_crossentropy
        let outputs = plan.outputShape.last ?? 1
        let metrics = t.metrics.map { m -> String in
            switch m {
            case .accuracy:
                if outputs == 1 { return "keras.metrics.BinaryAccuracy(name=\"accuracy\", threshold=\(logits ? "0.0" : "0.5"))" }
                return sparse ? "keras.metrics.SparseCategoricalAccuracy(name=\"accuracy\")" : "keras.metrics.CategoricalAccuracy(name=\"accuracy\")"
            case .topK(let k):
                return sparse ? "keras.metrics.SparseTopKCategoricalAccuracy(k=\(k), name=\"top\(k)\")" : "keras.metrics.TopKCategoricalAccuracy(k=\(k), name=\"top\(k)\")"
            case .sequenceAccuracy: return "SequenceAccuracy()"
            case .perplexity: return "TokenCrossEntropy(\"perplexity\", from_logits=\(PythonValue.bool(logits).literal))"
            case .bitsPerToken: return "TokenCrossEntropy(\"bits_per_token\", from_logits=\(PythonValue.bool(logits).literal))"
            }
        }
        let note: String
        switch c.kind {
        case .sgd, .adam: note = "Keras's own defaults, as Gradbook's."
        case .adamw: note = "Decoupled weight decay, as Gradbook's."
        case .rmsprop: note = "Epsilon inside the square root, as Gradbook's."
        }
        return """
        def compile_model(model):
            \"\"\"The session's optimiser (\(note)), loss\(logits ? " (on logits: the model ends without an activation)" : "") and metrics.\"\"\"
            model.compile(optimizer=\(optimizer),
                          loss=\(loss),
                          metrics=[\(metrics.joined(separator: ", "))])
        """
    }

    /// `schedule_callbacks()`: the learning-rate schedule as Keras callbacks.
    static func schedule(_ plan: ExportPlan) -> String {
        let t = plan.training
        let base = PythonValue.float(t.optimizer.effectiveLearningRate).literal
        let monitor = plan.data.validationCount > 0 ? "val_loss" : "loss"
        let body: String
        switch t.schedule {
        case nil: body = "return []   # the session kept the learning rate fixed"
        case let .step(size, gamma)?:
            body = "return [keras.callbacks.LearningRateScheduler(lambda epoch, lr: \(base) * \(PythonValue.float(gamma).literal) ** (epoch // \(size)))]"
        case let .cosine(epochs, minFactor)?:
            let m = PythonValue.float(minFactor).literal
            body = "# lr = base * (min + (1 - min) * (1 + cos(pi * epoch / epochs)) / 2), held at its end after \(epochs) epochs\n"
                + "    return [keras.callbacks.LearningRateScheduler(lambda epoch, lr: \(base) * (\(m) + (1 - \(m)) * (1 + math.cos(math.pi * min(epoch, \(epochs)) / \(epochs))) / 2))]"
        case let .plateau(patience, factor, minLR)?:
            body = "return [keras.callbacks.ReduceLROnPlateau(monitor=\"\(monitor)\", factor=\(PythonValue.float(factor).literal), patience=\(patience), "
                + "min_delta=1e-4, min_lr=\(PythonValue.float(minLR).literal))]"
        }
        return """
        def schedule_callbacks():
            \"\"\"The session's learning-rate schedule, applied at the start of each epoch.\"\"\"
            \(body)
        """
    }

    /// The metrics Keras's core lacks, when the session compiled them.
    static func metricClasses(_ t: TrainingPlan) -> [String] {
        var out: [String] = []
        if t.metrics.contains(.sequenceAccuracy) { out.append(sequenceAccuracy) }
        if t.metrics.contains(.perplexity) || t.metrics.contains(.bitsPerToken) { out.append(tokenCrossEntropy) }
        return out
    }

    static let sequenceAccuracy = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class SequenceAccuracy(keras.metrics.Metric):
    """The fraction of sequences whose every token is right."""

    def __init__(self, name="sequence_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.right = self.add_variable(shape=(), initializer="zeros", name="right")
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        hits = ops.equal(ops.cast(ops.argmax(y_pred, axis=-1), "int32"), ops.cast(y_true, "int32"))
        whole = ops.cast(ops.all(ops.reshape(hits, (ops.shape(hits)[0], -1)), axis=1), "float32")
        self.right.assign_add(ops.sum(whole))
        self.count.assign_add(ops.cast(ops.shape(whole)[0], "float32"))

    def result(self):
        return self.right / ops.maximum(self.count, 1.0)
"""#

    static let tokenCrossEntropy = #"""
@keras.saving.register_keras_serializable(package="gradbook")
class TokenCrossEntropy(keras.metrics.Metric):
    """The mean cross-entropy per token in nats, reported as perplexity (its exp) or bits per token (over ln 2)."""

    def __init__(self, name="perplexity", from_logits=False, **kwargs):
        super().__init__(name=name, **kwargs)
        self.from_logits = from_logits
        self.total = self.add_variable(shape=(), initializer="zeros", name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        loss = keras.losses.sparse_categorical_crossentropy(y_true, y_pred, from_logits=self.from_logits)
        self.total.assign_add(ops.sum(loss))
        self.count.assign_add(ops.cast(ops.size(loss), "float32"))

    def result(self):
        mean = self.total / ops.maximum(self.count, 1.0)
        return ops.exp(mean) if self.name == "perplexity" else mean / math.log(2)

    def get_config(self):
        return {**super().get_config(), "from_logits": self.from_logits}
"""#

    /// Targets in the form the loss reads, and the fit/evaluate/check code.
    static let loop = #"""
def targets(y, outputs):
    """Class labels as the loss reads them: as they are for sparse_categorical_crossentropy, else one value per
    example for one output and one-hot for several (float targets as they are)."""
    if y.dtype.kind == "f" or LOSS == "sparse_categorical_crossentropy":
        return y
    if outputs == 1:
        return y.astype("float32").reshape(-1, 1)
    return np.eye(outputs, dtype="float32")[y]


def xy(split, outputs):
    x, y = split
    return x, targets(x if y is None else y, outputs)


def check(model):
    """Runs the examples stored beside the weights and compares the outputs with Gradbook's (exit status 1 past 1e-3)."""
    arrays, _ = read_safetensors(WEIGHTS)
    inputs, expected = arrays["__check__.inputs"], arrays["__check__.outputs"]
    if model.inputs[0].dtype.startswith("int"):
        inputs = inputs.astype("int32")
    got = np.asarray(model.predict(inputs, verbose=0)).reshape(expected.shape)
    difference = float(np.abs(got - expected).max())
    print(f"{len(inputs)} examples: largest difference from Gradbook's outputs {difference:.2e} "
          f"(outputs up to {float(np.abs(expected).max()):.3g})")
    return 0 if difference <= 1e-3 else 1


def check_architecture(model):
    """Stops unless every layer has as many parameters as LAYERS (Gradbook's summary) says."""
    for name, kind, _, expected, _ in LAYERS:
        count = model.get_layer(name).count_params()
        if count != expected:
            sys.exit(f"{name} ({kind}) has {count} parameters here, {expected} in Gradbook")
    if model.count_params() != TOTAL_PARAMS:
        sys.exit(f"the model has {model.count_params()} parameters here, {TOTAL_PARAMS} in Gradbook")
"""#
}
