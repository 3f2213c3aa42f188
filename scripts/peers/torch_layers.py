"""PyTorch (oneDNN on CPU) peer of `gradbook bench`'s kernel lines: the seed CNN's convolutions at batch 32.

usage: python torch_layers.py [THREADS]

Times forward + backward (median of 15 after a warm-up) of conv 32 3x3 + ReLU on 28x28x1 (no input
gradient) and conv 64 3x3 + ReLU on 13x13x32 (with one), each alone and followed by a 2x2 max pooling,
in channels-last layout (NHWC, as Gradbook), and prints one line per figure with the names bench uses:
conv1_fwd_bwd_ms_batch32, conv2_fwd_bwd_ms_batch32, conv1_pool_fwd_bwd_ms_batch32,
conv2_pool_fwd_bwd_ms_batch32.
"""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)


def measure(shape, filters, input_grad, pool):
    n, h, w, c = shape
    x = torch.rand(n, c, h, w).contiguous(memory_format=torch.channels_last).requires_grad_(input_grad)
    conv = torch.nn.Conv2d(c, filters, 3).to(memory_format=torch.channels_last)

    def once():
        y = torch.relu(conv(x))
        if pool:
            y = torch.nn.functional.max_pool2d(y, 2)
        y.sum().backward()
        conv.zero_grad()
        if x.grad is not None:
            x.grad = None

    once()
    times = []
    for _ in range(15):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2] * 1000


print(f"torch {torch.__version__} threads={torch.get_num_threads()} mkldnn={torch.backends.mkldnn.is_available()}")
for pool in (False, True):
    tag = "_pool" if pool else ""
    print(f"conv1{tag}_fwd_bwd_ms_batch32 {measure((32, 28, 28, 1), 32, False, pool):.2f}")
    print(f"conv2{tag}_fwd_bwd_ms_batch32 {measure((32, 13, 13, 32), 64, True, pool):.2f}")
