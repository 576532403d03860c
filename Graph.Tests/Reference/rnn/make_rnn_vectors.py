#!/usr/bin/python3
"""Reference vectors for the recurrent layers (Graph.Tests/Layers/Recurrent/RnnParityTests.cs).

Everything is float64. For every case the script computes, in Keras 2 semantics (KERAS_SEMANTICS.md §7):
the sequence output (processing order, as K.rnn returns it), the final states, and the gradients of the scalar
loss  L = sum(outputs * U) + sum_i sum(final_state_i * V_i)  with respect to the inputs, the kernel, the
recurrent kernel and the bias (all in Keras layout: kernel (input, k*units), recurrent (units, k*units), gate
blocks i,f,c,o for LSTM and z,r,h for GRU; GRU reset_after=True has bias (2, 3*units)).

Three implementations:
  * numpy: the Keras formulas, forward only (every variant);
  * torch "formula": the same formulas written with torch ops, gradients by autograd (every variant);
  * torch modules: torch.nn.RNNCell / LSTMCell / GRUCell with the Keras weights converted to torch layout,
    stepped with Keras's mask rule, for the variants torch computes (SimpleRNN tanh, LSTM sigmoid,
    GRU reset_after=True with sigmoid).
The vectors are the torch-formula results; the script asserts that numpy agrees on every forward value, that
the torch modules agree on forward and gradients where they apply, and that central finite differences of the
numpy forward agree with the gradients where torch has no module (hard_sigmoid, GRU reset_after=False).

Run: /usr/bin/python3 make_rnn_vectors.py   (writes rnn_vectors.json next to this file)
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
BATCH, STEPS, INPUT, UNITS = 3, 5, 4, 3


def np_act(name, x):
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-x))
    if name == "hard_sigmoid":
        return np.clip(0.2 * x + 0.5, 0.0, 1.0)
    return np.tanh(x)


def t_act(name, x):
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "hard_sigmoid":
        return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)
    return torch.tanh(x)


def cell_step(lib, act, c, x, states, W, U, b):
    """One Keras cell step. lib is np or torch; act the activation dispatcher; c the case description."""
    u = UNITS
    mm = (lambda a, m: a @ m)
    ra = c["recurrent_activation"]
    if c["cell"] == "simple_rnn":
        h = act("tanh", mm(x, W) + mm(states[0], U) + b)
        return h, [h]
    if c["cell"] == "lstm":
        h, cc = states
        z = mm(x, W) + mm(h, U) + b
        i = act(ra, z[:, :u]); f = act(ra, z[:, u:2 * u]); g = act("tanh", z[:, 2 * u:3 * u]); o = act(ra, z[:, 3 * u:])
        c2 = f * cc + i * g
        h2 = o * act("tanh", c2)
        return h2, [h2, c2]
    h = states[0]
    if c["reset_after"]:
        xz = mm(x, W) + b[0]
        hz = mm(h, U) + b[1]
        z = act(ra, xz[:, :u] + hz[:, :u])
        r = act(ra, xz[:, u:2 * u] + hz[:, u:2 * u])
        hh = act("tanh", xz[:, 2 * u:] + r * hz[:, 2 * u:])
    else:
        xz = mm(x, W) + b
        z = act(ra, xz[:, :u] + mm(h, U[:, :u]))
        r = act(ra, xz[:, u:2 * u] + mm(h, U[:, u:2 * u]))
        hh = act("tanh", xz[:, 2 * u:] + mm(r * h, U[:, 2 * u:]))
    h2 = z * h + (1 - z) * hh
    return h2, [h2]


def run(lib, step, c, x, mask, states):
    """K.rnn with Keras 2.2.4's mask rule: a masked step outputs the previous output and carries the states."""
    order = range(STEPS - 1, -1, -1) if c["go_backwards"] else range(STEPS)
    prev = lib.zeros((BATCH, UNITS)) if lib is np else torch.zeros(BATCH, UNITS)
    outs = []
    for t in order:
        y, new = step(x[:, t, :], states)
        if mask is not None:
            m = mask[:, t:t + 1]
            y = m * y + (1 - m) * prev
            new = [m * s + (1 - m) * s0 for s, s0 in zip(new, states)]
        outs.append(y)
        prev, states = y, new
    seq = np.stack(outs, 1) if lib is np else torch.stack(outs, 1)
    return seq, states


def loss_of(seq, states, up):
    total = (seq * up["seq"]).sum()
    for s, v in zip(states, up["states"]):
        total = total + (s * v).sum()
    return total


def n_states(c):
    return 2 if c["cell"] == "lstm" else 1


def k_of(c):
    return {"simple_rnn": 1, "lstm": 4, "gru": 3}[c["cell"]]


def make_data(c, rng):
    k = k_of(c)
    d = {
        "inputs": rng.uniform(-1.5, 1.5, (BATCH, STEPS, INPUT)),
        "kernel": rng.uniform(-0.8, 0.8, (INPUT, k * UNITS)),
        "recurrent_kernel": rng.uniform(-0.8, 0.8, (UNITS, k * UNITS)),
        "bias": rng.uniform(-0.5, 0.5, (2, 3 * UNITS) if c["cell"] == "gru" and c["reset_after"] else (k * UNITS,)),
        "upstream_seq": rng.uniform(-1, 1, (BATCH, STEPS, UNITS)),
        "upstream_states": [rng.uniform(-1, 1, (BATCH, UNITS)) for _ in range(n_states(c))],
    }
    if c["masked"]:
        m = (rng.uniform(0, 1, (BATCH, STEPS)) > 0.35).astype(np.float64)
        m[0, 0] = 0.0          # a masked first step (processing order depends on go_backwards)
        m[0, STEPS - 1] = 0.0  # and a masked last one
        m[1, :] = 1.0          # a full row
        d["mask"] = m
    else:
        d["mask"] = None
    return d


def torch_formula(c, d):
    x = torch.tensor(d["inputs"], requires_grad=True)
    W = torch.tensor(d["kernel"], requires_grad=True)
    U = torch.tensor(d["recurrent_kernel"], requires_grad=True)
    b = torch.tensor(d["bias"], requires_grad=True)
    mask = None if d["mask"] is None else torch.tensor(d["mask"])
    s0 = [torch.zeros(BATCH, UNITS) for _ in range(n_states(c))]
    seq, states = run(torch, lambda xt, s: cell_step(torch, t_act, c, xt, s, W, U, b), c, x, mask, s0)
    up = {"seq": torch.tensor(d["upstream_seq"]), "states": [torch.tensor(v) for v in d["upstream_states"]]}
    loss = loss_of(seq, states, up)
    loss.backward()
    return seq.detach().numpy(), [s.detach().numpy() for s in states], {
        "inputs": x.grad.numpy(), "kernel": W.grad.numpy(), "recurrent_kernel": U.grad.numpy(), "bias": b.grad.numpy()}


def numpy_forward(c, d, **override):
    v = dict(d, **override)
    s0 = [np.zeros((BATCH, UNITS)) for _ in range(n_states(c))]
    return run(np, lambda xt, s: cell_step(np, np_act, c, xt, s, v["kernel"], v["recurrent_kernel"], v["bias"]),
               c, v["inputs"], v["mask"], s0)


def numpy_loss(c, d, **override):
    seq, states = numpy_forward(c, d, **override)
    return loss_of(seq, states, {"seq": d["upstream_seq"], "states": d["upstream_states"]})


def finite_differences(c, d, name, eps=1e-6):
    base = d[name]
    grad = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        plus, minus = base.copy(), base.copy()
        plus[idx] += eps
        minus[idx] -= eps
        grad[idx] = (numpy_loss(c, d, **{name: plus}) - numpy_loss(c, d, **{name: minus})) / (2 * eps)
    return grad


def torch_module(c, d):
    """torch.nn cells with Keras weights converted to torch's layout and gate order, stepped with Keras's mask rule."""
    u = UNITS
    W, U, b = d["kernel"], d["recurrent_kernel"], d["bias"]
    if c["cell"] == "simple_rnn":
        cell = torch.nn.RNNCell(INPUT, u, nonlinearity="tanh")
        wih, whh, bih, bhh = W.T, U.T, b, np.zeros(u)
    elif c["cell"] == "lstm":
        cell = torch.nn.LSTMCell(INPUT, u)   # torch gate order i, f, g, o = Keras i, f, c, o
        wih, whh, bih, bhh = W.T, U.T, b, np.zeros(4 * u)
    else:
        cell = torch.nn.GRUCell(INPUT, u)    # torch gate order r, z, n; Keras z, r, h
        perm = np.concatenate([np.arange(u, 2 * u), np.arange(0, u), np.arange(2 * u, 3 * u)])
        wih, whh, bih, bhh = W[:, perm].T, U[:, perm].T, b[0][perm], b[1][perm]
    with torch.no_grad():
        for p, v in zip([cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh], [wih, whh, bih, bhh]):
            p.copy_(torch.tensor(np.ascontiguousarray(v)))
    x = torch.tensor(d["inputs"], requires_grad=True)
    mask = None if d["mask"] is None else torch.tensor(d["mask"])

    def step(xt, s):
        if c["cell"] == "lstm":
            h, cc = cell(xt, (s[0], s[1]))
            return h, [h, cc]
        h = cell(xt, s[0])
        return h, [h]

    s0 = [torch.zeros(BATCH, u) for _ in range(n_states(c))]
    seq, states = run(torch, step, c, x, mask, s0)
    up = {"seq": torch.tensor(d["upstream_seq"]), "states": [torch.tensor(v) for v in d["upstream_states"]]}
    loss_of(seq, states, up).backward()
    gW, gU = cell.weight_ih.grad.numpy().T, cell.weight_hh.grad.numpy().T
    gbi, gbh = cell.bias_ih.grad.numpy(), cell.bias_hh.grad.numpy()
    if c["cell"] == "gru":
        inv = np.argsort(perm)
        gW, gU, gb = gW[:, inv], gU[:, inv], np.stack([gbi[inv], gbh[inv]])
    else:
        gb = gbi  # bias_hh is a second copy of the same bias in these cells
    return seq.detach().numpy(), [s.detach().numpy() for s in states], {
        "inputs": x.grad.numpy(), "kernel": gW, "recurrent_kernel": gU, "bias": gb}


def close(a, b, tol, what):
    a, b = np.asarray(a), np.asarray(b)
    err = np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b)))
    assert err <= tol, f"{what}: max relative error {err}"


def tensor(v):
    v = np.asarray(v, dtype=np.float64)
    return {"dims": list(v.shape), "data": [float(z) for z in v.reshape(-1)]}


VARIANTS = [
    dict(cell="simple_rnn", recurrent_activation="sigmoid", reset_after=False, torch_module=True),
    dict(cell="lstm", recurrent_activation="sigmoid", reset_after=False, torch_module=True),
    dict(cell="lstm", recurrent_activation="hard_sigmoid", reset_after=False, torch_module=False),
    dict(cell="gru", recurrent_activation="sigmoid", reset_after=True, torch_module=True),
    dict(cell="gru", recurrent_activation="sigmoid", reset_after=False, torch_module=False),
    dict(cell="gru", recurrent_activation="hard_sigmoid", reset_after=True, torch_module=False),
]


def main():
    rng = np.random.default_rng(20261125)
    cases = []
    for v in VARIANTS:
        for masked in (False, True):
            for backwards in (False, True):
                c = dict(v, masked=masked, go_backwards=backwards)
                name = c["cell"] + ("" if c["cell"] == "simple_rnn" else "_" + c["recurrent_activation"]) + \
                    ("_reset_after" if c["cell"] == "gru" and c["reset_after"] else "_reset_before" if c["cell"] == "gru" else "") + \
                    ("_masked" if masked else "") + ("_backwards" if backwards else "")
                d = make_data(c, rng)
                seq, states, grads = torch_formula(c, d)
                nseq, nstates = numpy_forward(c, d)
                close(seq, nseq, 1e-12, name + " numpy forward")
                for a, b in zip(states, nstates):
                    close(a, b, 1e-12, name + " numpy states")
                if c["torch_module"]:
                    mseq, mstates, mgrads = torch_module(c, d)
                    close(seq, mseq, 1e-12, name + " torch module forward")
                    for a, b in zip(states, mstates):
                        close(a, b, 1e-12, name + " torch module states")
                    for key in grads:
                        close(grads[key], mgrads[key], 1e-11, name + " torch module grad " + key)
                else:
                    for key in grads:
                        close(grads[key], finite_differences(c, d, key), 1e-7, name + " finite differences " + key)
                cases.append({
                    "name": name, "cell": c["cell"], "recurrent_activation": c["recurrent_activation"],
                    "reset_after": c["reset_after"], "go_backwards": backwards, "units": UNITS,
                    "checked_by": "torch.nn module" if c["torch_module"] else "finite differences of numpy",
                    "inputs": tensor(d["inputs"]), "mask": None if d["mask"] is None else tensor(d["mask"]),
                    "kernel": tensor(d["kernel"]), "recurrent_kernel": tensor(d["recurrent_kernel"]), "bias": tensor(d["bias"]),
                    "upstream_seq": tensor(d["upstream_seq"]), "upstream_states": [tensor(u) for u in d["upstream_states"]],
                    "outputs": tensor(seq), "final_states": [tensor(s) for s in states],
                    "grad_inputs": tensor(grads["inputs"]), "grad_kernel": tensor(grads["kernel"]),
                    "grad_recurrent_kernel": tensor(grads["recurrent_kernel"]), "grad_bias": tensor(grads["bias"]),
                })
                print(f"{name}: ok ({cases[-1]['checked_by']})")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn_vectors.json")
    with open(out, "w") as f:
        json.dump({"generator": "make_rnn_vectors.py", "torch_version": torch.__version__, "numpy_version": np.__version__,
                   "cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
