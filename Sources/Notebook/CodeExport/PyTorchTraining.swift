// The training side of a PyTorch script: the loss as Gradbook computes it, the optimiser with the
// compiled hyper-parameters, the schedule, and the fixed loop (batches, scores, evaluation, --check).

import NeuralNet

enum PyTorchTraining {
    /// `compute_loss(out, y)`: `out` holds logits when the loss fuses the model's last activation.
    static func loss(_ t: TrainingPlan) -> String {
        let (body, what): (String, String)
        switch (t.loss, t.fused) {
        case (.sparse_categorical_crossentropy, true):
            (body, what) = ("return F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1).long())", "on logits (the softmax is fused into the loss)")
        case (.sparse_categorical_crossentropy, false):
            (body, what) = ("p = out.reshape(-1, out.shape[-1]).gather(1, y.reshape(-1, 1).long())\n    return -torch.log(p.clamp(EPSILON, 1.0)).mean()",
                            "on probabilities clipped to [1e-7, 1]")
        case (.categorical_crossentropy, true):
            (body, what) = ("return -(dense_target(y, out) * F.log_softmax(out, dim=-1)).sum(dim=-1).mean()", "on logits against one-hot targets")
        case (.categorical_crossentropy, false):
            (body, what) = ("return -(dense_target(y, out) * torch.log(out.clamp(EPSILON, 1.0))).sum(dim=-1).mean()", "on clipped probabilities, one-hot targets")
        case (.binary_crossentropy, true):
            (body, what) = ("return F.binary_cross_entropy_with_logits(out, dense_target(y, out))", "on logits (the sigmoid is fused into the loss)")
        case (.binary_crossentropy, false):
            (body, what) = ("return F.binary_cross_entropy(out.clamp(EPSILON, 1 - EPSILON), dense_target(y, out))", "on probabilities clipped to [1e-7, 1 - 1e-7]")
        case (.mse, _): (body, what) = ("return F.mse_loss(out, dense_target(y, out))", "mean squared error")
        case (.mae, _): (body, what) = ("return F.l1_loss(out, dense_target(y, out))", "mean absolute error")
        }
        return """
        def compute_loss(out, y):
            \"\"\"\(t.loss.rawValue) \(what), the mean over examples (and tokens).\"\"\"
            \(body)
        """
    }

    /// `make_optimizer(model)` with the compiled optimiser.
    static func optimizer(_ t: TrainingPlan) -> String {
        let c = t.optimizer
        let lr = PythonValue.float(c.effectiveLearningRate).literal
        let eps = PythonValue.float(OptimizerConfig.epsilon).literal
        let betas = "(\(PythonValue.float(OptimizerConfig.beta1).literal), \(PythonValue.float(OptimizerConfig.beta2).literal))"
        let momentum = PythonValue.float(c.momentum ?? OptimizerConfig.defaultMomentum).literal
        let (call, note): (String, String)
        switch c.kind {
        case .sgd:
            call = "torch.optim.SGD(params, lr=\(lr), momentum=\(momentum), nesterov=\(PythonValue.bool(c.nesterov && (c.momentum ?? 0) > 0).literal))"
            note = "Keras's SGD (v = momentum * v - lr * g; w += v) takes the same steps as PyTorch's for a fixed rate."
        case .adam:
            call = "torch.optim.Adam(params, lr=\(lr), betas=\(betas), eps=\(eps))"
            note = "Keras's defaults beta_1 0.9, beta_2 0.999, epsilon 1e-7 (PyTorch's default epsilon is 1e-8)."
        case .adamw:
            let decay = PythonValue.float(c.weightDecay ?? OptimizerConfig.defaultWeightDecay).literal
            call = "torch.optim.AdamW(params, lr=\(lr), betas=\(betas), eps=\(eps), weight_decay=\(decay))"
            note = "Decoupled weight decay (w -= lr * weight_decay * w each step), as Keras's AdamW and Gradbook do."
        case .rmsprop:
            call = "torch.optim.RMSprop(params, lr=\(lr), alpha=\(PythonValue.float(OptimizerConfig.rho).literal), eps=\(eps), momentum=\(momentum))"
            note = "Keras's rho 0.9 is PyTorch's alpha; Keras adds epsilon inside the square root, PyTorch outside it."
        }
        return """
        def make_optimizer(model):
            \"\"\"The session's \(c.kind.rawValue) over the weights that are not frozen. \(note)\"\"\"
            params = [p for p in model.parameters() if p.requires_grad]
            return \(call)
        """
    }

    /// `make_schedule(optimizer)`: stepped after each epoch (with the monitored loss for plateau), or None.
    static func schedule(_ t: TrainingPlan) -> String {
        let body: String
        switch t.schedule {
        case nil:
            body = "return None   # the session kept the learning rate fixed"
        case let .step(size, gamma)?:
            body = "# lr = base * gamma ** (epoch // step_size), after each epoch\n    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: \(PythonValue.float(gamma).literal) ** (epoch // \(size)))"
        case let .cosine(epochs, minFactor)?:
            let m = PythonValue.float(minFactor).literal
            body = "# lr = base * (min + (1 - min) * (1 + cos(pi * epoch / epochs)) / 2), held at its end after \(epochs) epochs\n"
                + "    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: \(m) + (1 - \(m)) * (1 + math.cos(math.pi * min(epoch, \(epochs)) / \(epochs))) / 2)"
        case let .plateau(patience, factor, minLR)?:
            body = "# Keras's ReduceLROnPlateau: lr *= factor after `patience` epochs without an improvement of 1e-4 (PyTorch counts one more)\n"
                + "    return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode=\"min\", factor=\(PythonValue.float(factor).literal), "
                + "patience=\(max(patience - 1, 0)), threshold=1e-4, threshold_mode=\"abs\", min_lr=\(PythonValue.float(minLR).literal))"
        }
        return """
        def make_schedule(optimizer):
            \"\"\"The session's learning-rate schedule.\"\"\"
            \(body)
        """
    }

    /// The loop, scores, evaluation and the check against Gradbook's outputs (fixed code reading the constants).
    static let loop = #"""
def dense_target(y, out):
    """Targets shaped like the output: class labels as one value per example for one output, one-hot for several."""
    if y.dtype.is_floating_point:
        return y.reshape(out.shape)
    if out.shape[-1] == 1:
        return y.float().reshape(out.shape)
    return F.one_hot(y.long(), out.shape[-1]).float()


def metric_sums(out, y):
    """Each compiled metric summed over the batch's examples (an example of T tokens scores the mean of its tokens)."""
    sums = {}
    if not METRICS:
        return sums
    n, k = out.shape[0], out.shape[-1]
    labels = y.long()
    if k == 1:
        right = (out[..., 0] > THRESHOLD).long() == labels
    else:
        right = out.argmax(dim=-1) == labels
    right = right.reshape(n, -1).float()
    for metric in METRICS:
        if metric == "accuracy":
            sums[metric] = right.mean(dim=1).sum().item()
        elif metric == "sequence_accuracy":
            sums[metric] = right.min(dim=1).values.sum().item()
        elif metric.startswith("top"):
            top = out.topk(min(int(metric[3:]), k), dim=-1).indices
            sums[metric] = (top == labels.unsqueeze(-1)).any(dim=-1).reshape(n, -1).float().mean(dim=1).sum().item()
        elif metric in ("perplexity", "bits_per_token"):
            logp = F.log_softmax(out, dim=-1) if FUSED else torch.log(out.clamp(EPSILON, 1.0))
            nll = -logp.gather(-1, labels.unsqueeze(-1)).reshape(n, -1).mean(dim=1)
            sums[metric] = nll.sum().item()
    return sums


class Scores:
    """Running means of the loss and the compiled metrics, as Gradbook prints them in its epoch lines."""

    def __init__(self):
        self.sums, self.count = {}, 0

    def add(self, out, y, loss):
        n = out.shape[0]
        self.count += n
        for name, value in [("loss", float(loss) * n)] + list(metric_sums(out, y).items()):
            self.sums[name] = self.sums.get(name, 0.0) + value

    def result(self):
        means = {name: total / max(self.count, 1) for name, total in self.sums.items()}
        if "perplexity" in means:
            means["perplexity"] = math.exp(means["perplexity"])
        if "bits_per_token" in means:
            means["bits_per_token"] /= math.log(2)
        return means


def describe(scores, prefix=""):
    return " ".join(f"{prefix}{name} {value:.4f}" for name, value in scores.items())


def batches(x, y, batch_size, generator=None):
    """(inputs, targets) batches in a new random order when a generator is given; targets are the inputs
    themselves when the data has none (an autoencoder)."""
    order = torch.randperm(len(x), generator=generator) if generator is not None else torch.arange(len(x))
    for start in range(0, len(x), batch_size):
        i = order[start:start + batch_size]
        yield x[i], (x[i] if y is None else y[i])


@torch.no_grad()
def evaluate(model, split, batch_size, device):
    """The loss (with the penalties and KL term, as Gradbook's `evaluate`) and metrics of `split` ((x, y)), with
    dropout off and batch norm's moving statistics."""
    model.eval()
    scores = Scores()
    for xb, yb in batches(*split, batch_size):
        xb, yb = xb.to(device), yb.to(device)
        out = model(xb, logits=FUSED)
        scores.add(out, yb, compute_loss(out, yb) + extra_loss(model))
    return scores.result()


def train(model, data, epochs, batch_size, device, lr=None):
    """Trains `epochs` epochs on data["train"], printing an epoch line like Gradbook's with the validation
    split's scores when there is one."""
    optimizer = make_optimizer(model)
    if lr is not None:
        for group in optimizer.param_groups:
            group["lr"] = lr
    schedule = make_schedule(optimizer)
    generator = torch.Generator().manual_seed(SEED) if SHUFFLE else None
    for epoch in range(1, epochs + 1):
        model.train()
        scores, start = Scores(), time.time()
        for xb, yb in batches(*data["train"], batch_size, generator):
            xb, yb = xb.to(device), yb.to(device)
            out = model(xb, logits=FUSED)
            loss = compute_loss(out, yb) + extra_loss(model)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scores.add(out.detach(), yb, loss.detach())
        line = f"epoch {epoch} ({time.time() - start:.1f}s): {describe(scores.result())}"
        watched = scores.result()["loss"]
        if data.get("validation") is not None:
            validation = evaluate(model, data["validation"], batch_size, device)
            line += " | " + describe(validation, "val_")
            watched = validation["loss"]
        print(line, flush=True)
        if isinstance(schedule, torch.optim.lr_scheduler.ReduceLROnPlateau):
            schedule.step(watched)
        elif schedule is not None:
            schedule.step()


@torch.no_grad()
def check(model, device):
    """Runs the examples stored beside the weights and compares the outputs with Gradbook's (exit status 1 past 1e-3)."""
    tensors, _ = read_safetensors(WEIGHTS)
    inputs, expected = tensors["__check__.inputs"], tensors["__check__.outputs"]
    model.eval()
    got = model(inputs.to(device)).cpu().reshape(expected.shape)
    difference = (got - expected).abs().max().item()
    print(f"{len(inputs)} examples: largest difference from Gradbook's outputs {difference:.2e} "
          f"(outputs up to {expected.abs().max().item():.3g})")
    return 0 if difference <= 1e-3 else 1
"""#
}
