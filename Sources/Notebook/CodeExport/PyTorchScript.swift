// `export pytorch FILE.py`: the whole script, in the order a reader meets it: the header, the imports,
// the settings and the LAYERS table, the helper layers, the model classes, the weight conversion, the
// data, the training code and main().

import NeuralNet

struct PyTorchScript {
    let plan: ExportPlan
    let model: PyTorchModel

    init(plan: ExportPlan) throws {
        self.plan = plan
        model = try PyTorchModel(plan: plan)
    }

    var text: String {
        var out = PythonLines()
        out.add("#!/usr/bin/env python3")
        for line in ScriptHeader.lines(plan, framework: .pytorch, notes: notes) { out.add(line) }
        out.add("import argparse")
        out.add("import gzip")
        out.add("import json")
        out.add("import math")
        out.add("import os")
        out.add("import struct")
        out.add("import sys")
        out.add("import time")
        out.add()
        out.add("import torch")
        out.add("import torch.nn as nn")
        out.add("import torch.nn.functional as F")
        out.add()
        for line in ScriptHeader.settings(plan) { out.add(line) }
        out.add("FUSED = \(PythonValue.bool(plan.training.fused).literal)   # the loss reads logits: the model's last activation is left out for it")
        out.add("THRESHOLD = \(plan.training.fused && plan.training.loss == .binary_crossentropy ? "0.0" : "0.5")   # one output: class 1 above this")
        out.add("EPSILON = 1e-7   # probabilities are clipped to [EPSILON, 1 - EPSILON], Keras's epsilon")
        out.add("ATTRIBUTES = {\(attributes)}   # layer names that are Python or nn.Module words, and their attribute")
        if case .text = plan.data.origin { out.add("VOCABULARY = []   # the tokens' texts, read with the data") }
        let gru = plan.uses { if case .recurrent(.gru, _, _, _) = $0 { return true }; return false }
        out.add(parts: [PyTorchHelpers.readSafetensors] + (gru ? [PyTorchHelpers.gruGates] : []) + PyTorchHelpers.classes(for: plan))
        var classes = model.classes()
        extras(&classes)
        for line in classes.lines { out.add(line) }
        out.add(parts: [loader, PyTorchData.code(plan.data, seed: plan.training.seed), PyTorchTraining.loss(plan.training),
                        PyTorchTraining.optimizer(plan.training), PyTorchTraining.schedule(plan.training),
                        extraLoss, PyTorchTraining.loop, Self.counting, main])
        out.addMainGuard()
        return out.text
    }

    /// `{"train": "train_"}` for the top-level layers whose attribute differs from their name.
    private var attributes: String {
        plan.layers.filter { PyTorchModel.attribute($0.name) != $0.name }
            .map { "\(PythonValue.quoted($0.name)): \(PythonValue.quoted(PyTorchModel.attribute($0.name)))" }.joined(separator: ", ")
    }

    /// Model methods after forward: the weight penalties and a VAE's KL term.
    private func extras(_ classes: inout PythonLines) {
        let penalties = plan.allLayers.compactMap { l -> String? in
            let r: Regularizer?
            switch l.kind {
            case .dense(_, _, let reg), .conv2d(_, _, _, _, _, let reg): r = reg
            default: r = nil
            }
            guard let r, r.l1 > 0 || r.l2 > 0 else { return nil }
            let w = "self." + l.path.split(separator: ".").map { PyTorchModel.attribute(String($0)) }.joined(separator: ".") + ".weight"
            var terms: [String] = []
            if r.l1 > 0 { terms.append("\(PythonValue.float(r.l1).literal) * \(w).abs().sum()") }
            if r.l2 > 0 { terms.append("\(PythonValue.float(r.l2).literal) * \(w).pow(2).sum()") }
            return terms.joined(separator: " + ")
        }
        classes.add()
        classes.add("    def penalty(self):")
        classes.add("        \"\"\"The session's L1 and L2 weight penalties (Keras's kernel_regularizer), added to the training loss.\"\"\"")
        classes.add("        return " + (penalties.isEmpty ? "0.0" : penalties.joined(separator: " + ")))
        let frozenNorms = plan.allLayers.filter { l in
            if case .batchNorm = l.kind { return !l.trainable }
            return false
        }.map { l in l.path.split(separator: ".").map { PyTorchModel.attribute(String($0)) }.joined(separator: ".") }
        if !frozenNorms.isEmpty {
            classes.add()
            classes.add("    def train(self, mode=True):")
            classes.add("        \"\"\"As in Keras, a frozen batch norm keeps normalising with its moving statistics while the rest trains.\"\"\"")
            classes.add("        super().train(mode)")
            classes.add("        for name in \(PythonValue.tuple(frozenNorms.map { .string($0) }).literal):")
            classes.add("            self.get_submodule(name).eval()")
            classes.add("        return self")
        }
        if plan.uses({ if case .sampling = $0 { return true }; return false }) {
            classes.add()
            classes.add("    def kl(self):")
            classes.add("        \"\"\"The KL divergence the sampling layers kept from the last forward pass.\"\"\"")
            classes.add("        return sum(m.kl for m in self.modules() if isinstance(m, Sampling))")
        }
    }

    private var extraLoss: String {
        let kl = plan.training.klWeight > 0 ? " + \(PythonValue.float(plan.training.klWeight).literal) * model.kl()" : ""
        return """
        def extra_loss(model):
            \"\"\"What training adds to the loss: the weight penalties\(kl.isEmpty ? "" : " and the KL term times the session's kl=").\"\"\"
            return model.penalty()\(kl)
        """
    }

    private var notes: [String] {
        var n = ["Layouts: Gradbook stores weights as Keras does; load_gradbook_weights() turns them into PyTorch's: Linear (out, in) is the"
                 + " kernel transposed, Conv2d (F, C, KH, KW) comes from (KH, KW, C, F), ConvTranspose2d (C, F, K, K) from (K, K, F, C),"
                 + " a GRU's gates z, r, h become r, z, n, and an LSTM's or SimpleRNN's one bias goes to bias_ih (bias_hh stays 0)."
                 + " Images flow as (N, H, W, C) as in Gradbook and are permuted to (N, C, H, W) only around PyTorch's image layers.",
                 "GPU: the model and each batch go to `cuda` when torch.cuda.is_available(), else the CPU. Several GPUs or machines:"
                 + " launch with `torchrun --nproc_per_node=N` and in main() call torch.distributed.init_process_group(\"nccl\"),"
                 + " torch.cuda.set_device(int(os.environ[\"LOCAL_RANK\"])), wrap the model in"
                 + " torch.nn.parallel.DistributedDataParallel(model, device_ids=[local_rank]), give each process its own share of"
                 + " every epoch's batches (torch.utils.data.DistributedSampler with a DataLoader over a TensorDataset), and print and"
                 + " save on rank 0 only. The batch size is then per GPU."]
        if plan.uses({ if case .recurrent = $0 { return true }; return false }) {
            n.append("--fresh starts from PyTorch's own initial weights (uniform in +-1/sqrt(units)), not Keras's glorot/orthogonal ones.")
        }
        return n
    }

    /// `load_gradbook_weights(model, path)`: every weight converted, loaded strictly.
    private var loader: String {
        var out = PythonLines()
        out.block("def load_gradbook_weights(model, path):") { f in
            f.add("\"\"\"Loads Gradbook's weights (Keras's layouts, names like conv2d_1.kernel) into the model, converting each.\"\"\"")
            f.add("w, _ = read_safetensors(path)")
            f.add("state = {}")
            f.add()
            f.block("def put(name, value):") { $0.add("state[name] = value.contiguous()") }
            f.add()
            for line in model.weightLines() { f.add(line) }
            f.add("missing, unexpected = model.load_state_dict(state, strict=False)")
            f.add("missing = [name for name in missing if not name.endswith(\"num_batches_tracked\")]")
            f.block("if missing or unexpected:") { $0.add("sys.exit(f\"{path} does not fit the model: missing {missing}, unexpected {unexpected}\")") }
        }
        return out.text
    }

    static let counting = #"""
def gradbook_parameter_count(module):
    """Parameters as Gradbook and Keras count them: batch norm's moving statistics included, the second bias
    PyTorch's RNN and LSTM have (held at 0) left out."""
    count = sum(p.numel() for p in module.parameters())
    for m in module.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            count += m.running_mean.numel() + m.running_var.numel()
        if isinstance(m, (nn.RNN, nn.LSTM)):
            count -= m.bias_hh_l0.numel()
    return count


def check_architecture(model):
    """Stops unless every layer has as many parameters as LAYERS (Gradbook's summary) says."""
    total = 0
    for name, kind, _, expected, _ in LAYERS:
        module = getattr(model, ATTRIBUTES.get(name, name), None)
        count = 0 if module is None else gradbook_parameter_count(module)
        if count != expected:
            sys.exit(f"{name} ({kind}) has {count} parameters here, {expected} in Gradbook")
        total += count
    if total != TOTAL_PARAMS:
        sys.exit(f"the model has {total} parameters here, {TOTAL_PARAMS} in Gradbook")
"""#

    private var main: String {
        """
        def main():
            parser = argparse.ArgumentParser(description=\(PythonValue.quoted("Gradbook's model '\(plan.modelName)' in PyTorch: trains from the session's weights.")))
            parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train (default: %(default)s, as the session did)")
            parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="examples per batch (default: %(default)s)")
            parser.add_argument("--lr", type=float, default=None, help="another learning rate than the compiled one")
            parser.add_argument("--fresh", action="store_true", help="start from new random weights, not the session's")
            parser.add_argument("--evaluate", choices=["train", "validation", "test"], help="after training, score this split")
            parser.add_argument("--check", action="store_true", help="compare the outputs with Gradbook's on the stored examples, then stop")
            parser.add_argument("--save", metavar="FILE.pt", help="write the trained weights (a PyTorch state dict) here")
            args = parser.parse_args()
            torch.manual_seed(SEED)
            device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
            model = Model()
            check_architecture(model)
            if not args.fresh:
                load_gradbook_weights(model, WEIGHTS)
            model.to(device)
            if args.check:
                sys.exit(check(model, device))
            data = load_data()
            train(model, data, args.epochs, args.batch_size, device, args.lr)
            if args.evaluate:
                split = data.get(args.evaluate)
                if split is None:
                    sys.exit(f"the data has no {args.evaluate} split")
                print(args.evaluate + ": " + describe(evaluate(model, split, args.batch_size, device)))
            if args.save:
                torch.save(model.state_dict(), args.save)
        """
    }
}
