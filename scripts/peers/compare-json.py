"""Turns the peer scripts' RESULT lines into the JSON that `gradbook bench --compare FILE.json` reads.

usage: python compare-json.py [LOG ...] > peers.json      (no LOG: standard input)

Every line starting with RESULT (torch_seed_cnn.py, keras_seed_cnn.py, torch_cnn4.py) is read:
  RESULT fw=torch model=cnn batch=32 epoch=2 train_s=10.61 ... test_acc=0.8950 peak_rss_mib=512
Other lines are ignored. For each framework, model and batch the last epoch listed is kept (run the peers
for 2 epochs or more: the first includes warm-up, and Keras's its graph tracing). The output:
  {"peers": [{"framework": "torch", "model": "cnn", "batch": 32, "epoch": 2, "epoch_seconds": 10.61,
              "test_accuracy": 0.895, "peak_rss_mib": 512.0}, ...]}
A RESULT line without fw, model, batch or train_s is an error naming the file and line.
"""
import json
import sys


def fields(line):
    """{'fw': 'torch', ...} from `RESULT fw=torch model=cnn ...`."""
    pairs = (item.split("=", 1) for item in line.split()[1:] if "=" in item)
    return {key: value for key, value in pairs}


def entries(named_lines):
    """The last figure per (framework, model, batch), in first-seen order."""
    kept = {}
    for name, number, line in named_lines:
        if not line.startswith("RESULT"):
            continue
        f = fields(line)
        try:
            key = (f["fw"], f["model"], int(f["batch"]))
            entry = {"framework": key[0], "model": key[1], "batch": key[2], "epoch_seconds": float(f["train_s"])}
        except (KeyError, ValueError) as error:
            raise SystemExit(f"{name}:{number}: a RESULT line needs fw, model, batch and train_s ({error!r}): {line.strip()}")
        if "epoch" in f:
            entry["epoch"] = int(f["epoch"])
        if "test_acc" in f:
            entry["test_accuracy"] = float(f["test_acc"])
        if "peak_rss_mib" in f:
            entry["peak_rss_mib"] = float(f["peak_rss_mib"])
        kept[key] = entry
    return list(kept.values())


def lines(paths):
    """(file name, line number, text) of every line of the logs, or of standard input."""
    if not paths:
        for number, line in enumerate(sys.stdin, 1):
            yield "<stdin>", number, line
        return
    for path in paths:
        with open(path, encoding="utf-8") as log:
            for number, line in enumerate(log, 1):
                yield path, number, line


if __name__ == "__main__":
    json.dump({"peers": entries(lines(sys.argv[1:]))}, sys.stdout, indent=1)
    sys.stdout.write("\n")
