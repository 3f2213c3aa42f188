// `export keras FILE.py`: the whole script, in the order a reader meets it: the header, the imports, the
// settings and the LAYERS table, the helper layers and metrics, the model, the weights, the data, the
// training setup and main().

import NeuralNet

struct KerasScript {
    let plan: ExportPlan
    let model: KerasModel

    init(plan: ExportPlan) throws {
        self.plan = plan
        model = KerasModel(plan: plan)
    }

    var text: String {
        var out = PythonLines()
        out.add("#!/usr/bin/env python3")
        let notes = ["Layouts: Gradbook stores weights as Keras does (Dense (in, out), Conv2D (KH, KW, C, F), Conv2DTranspose (K, K, F, C), "
                     + "LSTM gates i, f, c, o, GRU gates z, r, h with reset_after's two bias rows), so they load as they are; only a "
                     + "MultiHeadAttention's projections, which Gradbook keeps 2-D, are reshaped to Keras's (D, heads, key_dim) kernels.",
                     "GPU: Keras runs on whatever its backend finds (JAX, TensorFlow or PyTorch with CUDA). Several GPUs: with JAX, "
                     + "keras.distribution.set_distribution(keras.distribution.DataParallel()) before build_model(); with TensorFlow, "
                     + "build and compile the model inside tf.distribute.MirroredStrategy().scope(); the batch size is then split across GPUs."]
        for line in ScriptHeader.lines(plan, framework: .keras, notes: notes) { out.add(line) }
        for module in ["argparse", "gzip", "json", "math", "os", "struct", "sys"] { out.add("import \(module)") }
        out.add()
        out.add("import numpy as np")
        out.add("import keras")
        out.add("from keras import layers, ops")
        out.add()
        for line in ScriptHeader.settings(plan) { out.add(line) }
        out.add("OUTPUTS = \(plan.outputShape.last ?? 1)   # values per example (per token) the model gives")
        out.add("KL_WEIGHT = \(PythonValue.float(plan.training.klWeight).literal)   # the weight of a VAE's KL term in the loss")
        if case .text = plan.data.origin { out.add("VOCABULARY = []   # the tokens' texts, read with the data") }
        out.add(parts: [KerasHelpers.readSafetensors] + KerasHelpers.classes(for: plan) + KerasTraining.metricClasses(plan.training)
            + [model.builder, loader, KerasData.code(plan.data), KerasTraining.compile(plan), KerasTraining.schedule(plan),
               KerasTraining.loop, main])
        out.addMainGuard()
        return out.text
    }

    /// `load_gradbook_weights(model, path)`: every weight assigned, reshaped to the variable's shape.
    private var loader: String {
        var out = PythonLines()
        out.block("def load_gradbook_weights(model, path):") { f in
            f.add("\"\"\"Assigns Gradbook's weights (names like conv2d_1.kernel, Keras's layouts) to the model's variables.\"\"\"")
            f.add("w, _ = read_safetensors(path)")
            f.add()
            f.block("def put(variable, name):") { p in
                p.block("if w[name].size != math.prod(variable.shape):") {
                    $0.add("sys.exit(f\"{path}: {name} has shape {w[name].shape}, the model's variable {tuple(variable.shape)}\")")
                }
                p.add("variable.assign(w[name].reshape(tuple(variable.shape)))")
            }
            f.add()
            for line in model.weightLines { f.add(line) }
        }
        return out.text
    }

    private var main: String {
        """
        def main():
            parser = argparse.ArgumentParser(description=\(PythonValue.quoted("Gradbook's model '\(plan.modelName)' in Keras: trains from the session's weights.")))
            parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train (default: %(default)s, as the session did)")
            parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="examples per batch (default: %(default)s)")
            parser.add_argument("--lr", type=float, default=None, help="another learning rate than the compiled one")
            parser.add_argument("--fresh", action="store_true", help="start from new random weights, not the session's")
            parser.add_argument("--evaluate", choices=["train", "validation", "test"], help="after training, score this split")
            parser.add_argument("--check", action="store_true", help="compare the outputs with Gradbook's on the stored examples, then stop")
            parser.add_argument("--save", metavar="FILE.keras", help="write the trained model here")
            args = parser.parse_args()
            keras.utils.set_random_seed(SEED)
            model = build_model()
            check_architecture(model)
            if not args.fresh:
                load_gradbook_weights(model, WEIGHTS)
            if args.check:
                sys.exit(check(model))
            compile_model(model)
            if args.lr is not None:
                model.optimizer.learning_rate = args.lr
            data = load_data()
            validation = data.get("validation")
            if args.epochs > 0:
                model.fit(*xy(data["train"], OUTPUTS), batch_size=args.batch_size, epochs=args.epochs, shuffle=SHUFFLE,
                          validation_data=None if validation is None else xy(validation, OUTPUTS), callbacks=schedule_callbacks())
            if args.evaluate:
                split = data.get(args.evaluate)
                if split is None:
                    sys.exit(f"the data has no {args.evaluate} split")
                scores = model.evaluate(*xy(split, OUTPUTS), batch_size=args.batch_size, verbose=0, return_dict=True)
                print(args.evaluate + ": " + " ".join(f"{name} {value:.4f}" for name, value in scores.items()))
            if args.save:
                model.save(args.save)
        """
    }
}
