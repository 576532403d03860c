#!/usr/bin/env python3
"""Reference vectors for Graph's convolution and pooling ops (channels last, TF/Keras semantics).

Computes, in float64 with numpy, the forward result and the gradients (for a given upstream gradient dy) of
conv1d/conv2d (valid/same, strides 2 and 3, dilation 2, odd/even sizes and kernels) and max/avg pooling 1-D/2-D,
and writes them to conv_vectors.json beside this script. "same" padding follows TF: out = ceil(in/stride),
pad_total = max((out-1)*stride + (k-1)*dilation + 1 - in, 0), pad_before = pad_total // 2, the extra at the end;
average pooling divides by the number of valid (unpadded) elements; max pooling ignores padding and routes the
gradient to the first maximum of each window. If torch is installed, every vector is cross-checked against it.

Run: /usr/bin/python3 Graph.Tests/Ops/Reference/make_conv_vectors.py
"""
import json
import os

import numpy as np

RNG = np.random.default_rng(20261125)


def axis(size, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == "valid":
        return (size - eff) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + eff - size, 0)
    return out, total // 2, total - total // 2


def geometry(x_shape, kh, kw, strides, dilation, padding):
    oh, pt, pb = axis(x_shape[1], kh, strides[0], dilation[0], padding)
    ow, pl, pr = axis(x_shape[2], kw, strides[1], dilation[1], padding)
    return oh, ow, ((0, 0), (pt, pb), (pl, pr), (0, 0))


def taps(kh, kw, oh, ow, strides, dilation):
    """(kh, kw, row slice, column slice) of each window tap into the padded input."""
    for i in range(kh):
        for j in range(kw):
            r, c = i * dilation[0], j * dilation[1]
            yield i, j, slice(r, r + (oh - 1) * strides[0] + 1, strides[0]), slice(c, c + (ow - 1) * strides[1] + 1, strides[1])


def conv2d(x, w, dy, strides, dilation, padding):
    """y, dx, dw of y[n,oh,ow,o] = sum x_pad[n, oh*s+kh*d, ow*s+kw*d, c] w[kh,kw,c,o] (NHWC, HWIO)."""
    kh, kw = w.shape[:2]
    oh, ow, pads = geometry(x.shape, kh, kw, strides, dilation, padding)
    xp = np.pad(x, pads)
    y = np.zeros((x.shape[0], oh, ow, w.shape[3]))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i, j, rs, cs in taps(kh, kw, oh, ow, strides, dilation):
        y += xp[:, rs, cs, :] @ w[i, j]
        dxp[:, rs, cs, :] += dy @ w[i, j].T
        dw[i, j] = np.einsum("nhwc,nhwo->co", xp[:, rs, cs, :], dy)
    dx = dxp[:, pads[1][0]:pads[1][0] + x.shape[1], pads[2][0]:pads[2][0] + x.shape[2], :]
    return y, dx, dw


def pool2d(kind, x, dy, pool, strides, padding):
    """y, dx of max/avg pooling over valid elements only (padding ignored)."""
    oh, ow, pads = geometry(x.shape, pool[0], pool[1], strides, (1, 1), padding)
    xp = np.pad(x, pads, constant_values=-np.inf if kind == "max" else 0.0)
    valid = np.pad(np.ones_like(x), pads)
    windows = list(taps(pool[0], pool[1], oh, ow, strides, (1, 1)))
    dxp = np.zeros_like(xp)
    if kind == "max":
        stacked = np.stack([xp[:, rs, cs, :] for _, _, rs, cs in windows])
        first = np.argmax(stacked, axis=0)  # argmax returns the first maximum in (kh, kw) order
        y = np.max(stacked, axis=0)
        for t, (_, _, rs, cs) in enumerate(windows):
            dxp[:, rs, cs, :] += np.where(first == t, dy, 0.0)
    else:
        count = sum(valid[:, rs, cs, :] for _, _, rs, cs in windows)
        y = sum(xp[:, rs, cs, :] for _, _, rs, cs in windows) / count
        for _, _, rs, cs in windows:
            dxp[:, rs, cs, :] += dy / count
    dx = dxp[:, pads[1][0]:pads[1][0] + x.shape[1], pads[2][0]:pads[2][0] + x.shape[2], :]
    return y, dx


def torch_check(case, x, w, dy, y, dx, dw):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return False
    op, s, d, p = case["op"], case["strides"], case["dilation"], case["padding"]
    xt = torch.tensor(x).permute(0, 3, 1, 2).requires_grad_()
    kh, kw = (w.shape[:2] if w is not None else case["pool"])
    oh, ow, pads = geometry(x.shape, kh, kw, s, d, p)
    torch_pad = (pads[2][0], pads[2][1], pads[1][0], pads[1][1])
    if op == "conv":
        wt = torch.tensor(w).permute(3, 2, 0, 1).requires_grad_()
        yt = F.conv2d(F.pad(xt, torch_pad), wt, stride=tuple(s), dilation=tuple(d))
    elif op == "max":
        yt = F.max_pool2d(F.pad(xt, torch_pad, value=float("-inf")), tuple(case["pool"]), tuple(s))
    else:
        ones = F.pad(torch.ones_like(xt), torch_pad)
        summed = F.avg_pool2d(F.pad(xt, torch_pad), tuple(case["pool"]), tuple(s), divisor_override=1)
        yt = summed / F.avg_pool2d(ones, tuple(case["pool"]), tuple(s), divisor_override=1)
    yt.backward(torch.tensor(dy).permute(0, 3, 1, 2))
    assert np.allclose(yt.detach().permute(0, 2, 3, 1).numpy(), y, atol=1e-12), case["name"]
    assert np.allclose(xt.grad.permute(0, 2, 3, 1).numpy(), dx, atol=1e-12), case["name"]
    if op == "conv":
        assert np.allclose(wt.grad.permute(2, 3, 1, 0).numpy(), dw, atol=1e-12), case["name"]
    return True


def tensor(a, one_d):
    """dims and row-major data; 1-D cases drop the height-1 axis (NWC, (kw, in, out))."""
    a = np.asarray(a)
    if one_d:
        a = a.reshape(a.shape[:1] + a.shape[2:]) if a.ndim == 4 and a.shape[1] == 1 else a
    return {"dims": list(a.shape), "data": [float(v) for v in a.ravel()]}


def conv_case(name, x_shape, k_shape, strides, padding, dilation):
    one_d = len(x_shape) == 3
    x = RNG.uniform(-2, 2, size=x_shape)
    w = RNG.uniform(-1, 1, size=k_shape)
    x4, w4 = (x[:, None], w[None]) if one_d else (x, w)
    s4, d4 = ((1, strides), (1, dilation)) if one_d else (strides, dilation)
    oh, ow, _ = geometry(x4.shape, w4.shape[0], w4.shape[1], s4, d4, padding)
    dy = RNG.uniform(-1, 1, size=(x.shape[0], oh, ow, w.shape[-1]))
    y, dx, dw = conv2d(x4, w4, dy, s4, d4, padding)
    case = {"name": name, "op": "conv", "rank": 1 if one_d else 2, "strides": list(s4), "dilation": list(d4), "padding": padding}
    checked = torch_check(case, x4, w4, dy, y, dx, dw)
    dy_out = dy[:, 0] if one_d else dy
    case.update(x=tensor(x, False), kernel=tensor(w, False), dy=tensor(dy_out, False), y=tensor(y, one_d), dx=tensor(dx, one_d), dw=tensor(dw[0] if one_d else dw, False))
    return case, checked


def pool_case(name, kind, x_shape, pool, strides, padding):
    one_d = len(x_shape) == 3
    x = RNG.uniform(-2, 2, size=x_shape)
    x4 = x[:, None] if one_d else x
    p4, s4 = ((1, pool), (1, strides)) if one_d else (pool, strides)
    oh, ow, _ = geometry(x4.shape, p4[0], p4[1], s4, (1, 1), padding)
    dy = RNG.uniform(-1, 1, size=(x.shape[0], oh, ow, x.shape[-1]))
    y, dx = pool2d(kind, x4, dy, p4, s4, padding)
    case = {"name": name, "op": kind, "rank": 1 if one_d else 2, "pool": list(p4), "strides": list(s4), "dilation": [1, 1], "padding": padding}
    checked = torch_check(case, x4, None, dy, y, dx, None)
    case.update(x=tensor(x, False), dy=tensor(dy[:, 0] if one_d else dy, False), y=tensor(y, one_d), dx=tensor(dx, one_d))
    return case, checked


def main():
    cases = [
        conv_case("conv1d_same_s2_odd", (2, 9, 3), (3, 3, 4), 2, "same", 1),
        conv_case("conv1d_same_s3_even_kernel", (2, 10, 3), (4, 3, 2), 3, "same", 1),
        conv_case("conv1d_same_d2", (1, 11, 2), (3, 2, 3), 1, "same", 2),
        conv_case("conv1d_valid_s2_even", (2, 8, 3), (2, 3, 2), 2, "valid", 1),
        conv_case("conv1d_valid_s3_d2", (1, 13, 2), (3, 2, 2), 3, "valid", 2),
        conv_case("conv2d_same_s2", (2, 7, 8, 3), (3, 3, 3, 4), (2, 2), "same", (1, 1)),
        conv_case("conv2d_same_s3_even_kernel", (1, 8, 7, 2), (4, 2, 2, 3), (3, 3), "same", (1, 1)),
        conv_case("conv2d_same_d2", (2, 9, 6, 2), (3, 3, 2, 2), (1, 1), "same", (2, 2)),
        conv_case("conv2d_valid_s23", (1, 10, 9, 3), (2, 3, 3, 2), (2, 3), "valid", (1, 1)),
        conv_case("conv2d_valid_s32_d21", (1, 12, 8, 2), (3, 3, 2, 2), (3, 2), "valid", (2, 1)),
        conv_case("conv2d_same_s2_d2_even", (1, 8, 10, 2), (2, 2, 2, 3), (2, 2), "same", (2, 2)),
        pool_case("maxpool1d_same_s2", "max", (2, 9, 3), 3, 2, "same"),
        pool_case("maxpool1d_same_s3_even", "max", (1, 10, 2), 2, 3, "same"),
        pool_case("maxpool1d_valid", "max", (2, 8, 2), 2, 2, "valid"),
        pool_case("maxpool2d_same_s2", "max", (2, 7, 8, 3), (3, 3), (2, 2), "same"),
        pool_case("maxpool2d_same_s3", "max", (1, 8, 9, 2), (2, 2), (3, 3), "same"),
        pool_case("maxpool2d_valid", "max", (1, 6, 7, 2), (2, 3), (2, 2), "valid"),
        pool_case("avgpool1d_same_s2", "avg", (2, 9, 3), 3, 2, "same"),
        pool_case("avgpool1d_same_s3_even", "avg", (1, 10, 2), 4, 3, "same"),
        pool_case("avgpool2d_same_s2", "avg", (2, 7, 8, 3), (3, 3), (2, 2), "same"),
        pool_case("avgpool2d_same_s3", "avg", (1, 8, 9, 2), (2, 2), (3, 3), "same"),
        pool_case("avgpool2d_valid", "avg", (1, 6, 7, 2), (2, 3), (1, 2), "valid"),
    ]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_vectors.json")
    with open(out, "w") as f:
        json.dump({"generator": "make_conv_vectors.py (numpy float64)", "torch_checked": all(c for _, c in cases),
                   "cases": [c for c, _ in cases]}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}; torch cross-check: {all(c for _, c in cases)}")


if __name__ == "__main__":
    main()
