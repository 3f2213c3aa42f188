"""PyTorch peer of Gradbook's 4-conv benchmark model on Fashion-MNIST, CPU.

usage: python torch_cnn4.py EPOCHS BATCH [THREADS]

The model (477,802 parameters, as Keras counts them with batch norm's moving statistics):
conv 32 3x3 same relu, batchnorm, conv 32 3x3 relu, maxpool 2, dropout 0.25,
conv 64 3x3 same relu, batchnorm, conv 64 3x3 relu, maxpool 2, dropout 0.25,
flatten, dense 256 relu, dropout 0.5, dense 10; Adam 1e-3, cross-entropy.
Batch norm uses Keras's settings (momentum 0.99, epsilon 1e-3) so both sides do the same work.

Prints one RESULT line per epoch in the format of the shared peer scripts (torch_seed_cnn.py), with
model=cnn4, so scripts/peers/compare-json.py reads it with theirs.

The Fashion-MNIST reader is the shared peers' fmnist.py, found (not copied) in $PEERS_DIR, else in
shared/peers beside or above the repository.
"""
import os
import sys
import time

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2


def peers_dir():
    """The folder holding the shared peers' fmnist.py."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.environ.get("PEERS_DIR", "")]
    folder = here
    for _ in range(5):
        folder = os.path.dirname(folder)
        candidates.append(os.path.join(folder, "shared", "peers"))
    for candidate in candidates:
        if candidate and os.path.isfile(os.path.join(candidate, "fmnist.py")):
            return candidate
    raise SystemExit("fmnist.py not found: set PEERS_DIR to the shared peers folder")


sys.path.insert(0, peers_dir())
import fmnist  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(threads)
torch.manual_seed(0)


def block(inputs, filters):
    """conv same relu, batchnorm, conv valid relu, maxpool 2, dropout 0.25."""
    return [
        nn.Conv2d(inputs, filters, 3, padding=1), nn.ReLU(),
        nn.BatchNorm2d(filters, eps=1e-3, momentum=0.01),
        nn.Conv2d(filters, filters, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25),
    ]


model = nn.Sequential(
    *block(1, 32), *block(32, 64),
    nn.Flatten(), nn.Linear(64 * 5 * 5, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))

images, labels = fmnist.load("train")
test_images, test_labels = fmnist.load("t10k")
images = torch.from_numpy(images).unsqueeze(1).contiguous()
labels = torch.from_numpy(labels)
test_images = torch.from_numpy(test_images).unsqueeze(1).contiguous()
test_labels = torch.from_numpy(test_labels)

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_function = nn.CrossEntropyLoss()
trained = sum(p.numel() for p in model.parameters())
statistics = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
print(f"torch {torch.__version__} threads={torch.get_num_threads()} model=cnn4 batch={batch} "
      f"params={trained + statistics} cpu_capability={torch.backends.cpu.get_cpu_capability()}", flush=True)

count = images.shape[0]
generator = torch.Generator().manual_seed(0)
for epoch in range(1, epochs + 1):
    model.train()
    start = time.perf_counter()
    order = torch.randperm(count, generator=generator)
    loss_sum, correct, seen = 0.0, 0, 0
    for first in range(0, count, batch):
        chosen = order[first:first + batch]
        inputs, targets = images[chosen], labels[chosen]
        outputs = model(inputs)
        loss = loss_function(outputs, targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * targets.shape[0]
        correct += (outputs.argmax(1) == targets).sum().item()
        seen += targets.shape[0]
    train_seconds = time.perf_counter() - start
    model.eval()
    start = time.perf_counter()
    with torch.no_grad():
        hits = sum((model(test_images[i:i + 1000]).argmax(1) == test_labels[i:i + 1000]).sum().item()
                   for i in range(0, test_images.shape[0], 1000))
    eval_seconds = time.perf_counter() - start
    print(f"RESULT fw=torch model=cnn4 batch={batch} epoch={epoch} train_s={train_seconds:.2f} "
          f"eval_s={eval_seconds:.2f} train_loss={loss_sum / seen:.4f} train_acc={correct / seen:.4f} "
          f"test_acc={hits / test_images.shape[0]:.4f} peak_rss_mib={fmnist.peak_rss_mib():.0f}", flush=True)
