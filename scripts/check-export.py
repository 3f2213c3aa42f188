#!/usr/bin/env python3
"""Checks `export pytorch` and `export keras` against Gradbook itself (run by hand; `make test` does not, as CI
has neither PyTorch nor Keras).

For each model below, Gradbook runs a short session that trains, evaluates a split and exports both scripts.
Then each script is compiled (py_compile), run with --check (its outputs on the 8 stored training examples
against Gradbook's) and with `--epochs 0 --evaluate SPLIT` (the loss and metrics of the split Gradbook
evaluated, which Gradbook printed with 4 decimals). A difference above 1e-3 in --check, or above 2e-4 in a
score, fails the run.

    scripts/check-export.py [--gradbook .build/release/gradbook] [--only cnn,gpt]

Pythons: $TORCH_PYTHON (default: python3) runs the PyTorch scripts, $KERAS_PYTHON (default
python3, with KERAS_BACKEND=torch unless set) the Keras ones; an empty value skips that
framework. The image-folder model needs Pillow in both.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name -> (session lines before the export, split evaluated)
MODELS = {
    "mlp": ("""seed 42
load points moons count=300 validation=100 test=100
model
dense 16 relu
dense 16 tanh
dense 2 softmax
compile optimizer=adam lr=0.01
train 3""", "validation"),
    "cnn": ("""seed 42
load fashion-mnist subset=3000 test=500
split validation=0.1
model
conv2d 32 3 relu
maxpool 2
conv2d 64 3 relu
maxpool 2
flatten
dense 128 relu
dense 10 softmax
compile loss=sparse_categorical_crossentropy optimizer=adam lr=1e-3 metrics=accuracy
train 1""", "test"),
    "autoencoder": ("""seed 42
load fashion-mnist subset=2000 test=300 target=input
split validation=0.1
model
conv2d 16 3 relu stride=2 padding=same
conv2d 32 3 relu stride=2 padding=same
flatten
dense 16
dense 1568 relu
reshape 7x7x32
conv2dtranspose 32 3 relu stride=2 padding=same
conv2dtranspose 16 3 relu stride=2 padding=same
conv2d 1 3 sigmoid padding=same
compile loss=binary_crossentropy optimizer=adam lr=2e-3
batch 64
train 1""", "test"),
    "vae": ("""seed 42
load fashion-mnist subset=2000 test=300 target=input
model
conv2d 16 3 relu stride=2 padding=same
flatten
dense 32 relu
dense 4
sampling
dense 1568 relu
reshape 7x7x32
conv2dtranspose 16 4 relu stride=2 padding=same
conv2dtranspose 1 3 sigmoid stride=2 padding=same
compile loss=binary_crossentropy kl=4e-3 optimizer=adam lr=2e-3
batch 64
train 1""", "test"),
    "gpt": ("""seed 1
poems = load text corpus tang300 context=32 test=0.1
gpt = model
embedding vocab 48
positional learned
transformer 4 96 causal=on
layernorm
dense vocab softmax
compile lr=3e-3 metrics=perplexity,accuracy
train 1""", "test"),
    "recurrent": ("""seed 1
load sequences reverse length=8 vocab=10 count=500
model input=8
embedding 10 16
lstm 32 return_sequences=on
gru 24 return_sequences=on
simplernn 20 return_sequences=on activation=relu
dense 10 softmax
compile loss=sparse_categorical_crossentropy optimizer=rmsprop lr=1e-2 momentum=0.5 metrics=accuracy,sequence_accuracy,top5
train 2""", "test"),
    "vit": ("""seed 42
load fashion-mnist subset=1000 test=200
split validation=0.1
model
patches 7 32
classtoken
positional sinusoidal
transformer 4 64 dropout=0.1
attention 2 key_dim=8 causal=on
layernorm
token 0
dense 10 softmax
compile loss=categorical_crossentropy optimizer=adamw lr=1e-3 weight_decay=0.01 metrics=accuracy,top5 schedule=cosine epochs=5
train 1""", "test"),
    "blocks": ("""seed 3
load shapes count=600 classes=4
split validation=0.2
main = model
conv2d 8 3 relu stride=2 padding=same
block = model input=14x14x8
conv2d 8 3 padding=same l2=1e-4
batchnorm
activation leaky_relu
conv2d 8 3 padding=same
use main
residual block
activation elu
feat = model input=14x14x8
conv2d 16 4 stride=2 padding=same
avgpool 2 stride=1
use main
sequential feat
batchnorm momentum=0.9
globalavgpool
dense 16 gelu l1=1e-4
dropout 0.2
dense 4 softmax
freeze conv2d_1
compile optimizer=sgd lr=0.05 momentum=0.9 nesterov=on schedule=step step_size=2 gamma=0.5
train 2""", "validation"),
    "folder": ("""seed 42
make-dataset shapes-rgb {tmp}/pictures count=60 size=32 overwrite=on
load images {tmp}/pictures/train size=32x32 validation={tmp}/pictures/validation class_mode=binary
model
conv2d 8 3 relu
maxpool 2
upsample 2
conv2dtranspose 4 2 stride=3
conv2dtranspose 4 2 stride=3 padding=same
globalavgpool
dense 1 sigmoid
compile loss=binary_crossentropy optimizer=adam lr=1e-3 metrics=accuracy
train 1""", "validation"),
}

SCORE = re.compile(r"^[|│]\s*(\w+)\s*[|│]\s*(-?[0-9.]+)\s*[|│]\s*$")


def gradbook_scores(transcript):
    """The rows of the last `evaluate` table: {metric: value}."""
    scores, inside = {}, False
    for line in transcript.splitlines():
        if line.startswith(">>> "):
            inside = line.startswith(">>> evaluate")
            if inside:
                scores = {}
            continue
        match = SCORE.match(line.strip()) if inside else None
        if match and match.group(1) != "metric":
            scores[match.group(1)] = float(match.group(2))
    return scores


def script_scores(output, split):
    """The `SPLIT: name value ...` line of a script's --evaluate."""
    for line in output.splitlines():
        if line.startswith(split + ": "):
            words = line[len(split) + 2:].split()
            return {words[i]: float(words[i + 1]) for i in range(0, len(words) - 1, 2)}
    return {}


def run(command, env=None, timeout=1800):
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    return result.returncode, result.stdout + result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gradbook", default=os.path.join(ROOT, ".build", "debug", "gradbook"))
    parser.add_argument("--only", default="", help="comma-separated model names: " + ", ".join(MODELS))
    args = parser.parse_args()
    pythons = {"pytorch": os.environ.get("TORCH_PYTHON", "python3"),
               "keras": os.environ.get("KERAS_PYTHON", "python3")}
    env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "torch"), PYTHONWARNINGS="ignore")
    failures = 0
    print(f"{'model':12} {'framework':9} {'check (max |diff|)':>20} {'split':>10}  scores: Gradbook / script")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (session, split) in MODELS.items():
            if args.only and name not in args.only.split(","):
                continue
            lines = session.format(tmp=tmp) + f"\nevaluate on={split}\nexport pytorch {tmp}/{name}_torch.py\nexport keras {tmp}/{name}_keras.py\n"
            path = os.path.join(tmp, name + ".grad")
            with open(path, "w") as f:
                f.write(lines)
            status, transcript = run([args.gradbook, "run", "--ascii", path])
            if status != 0:
                print(f"{name:12} gradbook failed:\n{transcript[-2000:]}")
                failures += 1
                continue
            expected = gradbook_scores(transcript)
            for framework, python in pythons.items():
                if not python:
                    continue
                script = os.path.join(tmp, f"{name}_{'torch' if framework == 'pytorch' else 'keras'}.py")
                status, output = run([sys.executable, "-m", "py_compile", script])
                if status != 0:
                    print(f"{name:12} {framework:9} does not compile:\n{output}")
                    failures += 1
                    continue
                status, output = run([python, script, "--check"], env)
                check = re.search(r"largest difference from Gradbook's outputs (\S+)", output)
                difference = check.group(1) if check else "failed"
                ok = status == 0 and check is not None
                status, output = run([python, script, "--epochs", "0", "--evaluate", split], env)
                got = script_scores(output, split)
                pairs = [(key, value, got.get(key)) for key, value in expected.items()]
                ok = ok and status == 0 and bool(pairs) and all(g is not None and abs(g - e) <= 2e-4 for _, e, g in pairs)
                shown = ", ".join(f"{k} {e:.4f} / {'-' if g is None else f'{g:.4f}'}" for k, e, g in pairs)
                print(f"{name:12} {framework:9} {difference:>20} {split:>10}  {shown}{'' if ok else '  FAILED'}")
                if not ok:
                    print(output[-2000:])
                    failures += 1
    print("all scripts agree with Gradbook" if failures == 0 else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
