#!/usr/bin/python3
"""Writes shape_vectors.json: cases for the shape ops whose semantics are easy to misread, with numpy's results.

StridedSlice specs are given in TF's form (begin/end/strides + masks) and evaluated by translating them into the
Python index tuple that TF's own __getitem__ builds the spec from (Ellipsis, None, int, slice), so the expected
values come from numpy's indexing, not from our reading of TF's canonicalization. Pad uses np.pad (numpy's
'reflect' and 'symmetric' are TF's REFLECT and SYMMETRIC), Gather np.take, OneHot a comparison with arange
(an index outside [0, depth) matches nothing, as TF), Tile np.tile, RepeatElements np.repeat, BatchMatMul
np.matmul, Dot np.dot (Keras 2.2.4's K.dot contracts like numpy.dot).

Run: /usr/bin/python3 make_shape_vectors.py   (numpy only; the output is committed, so tests need no Python).
"""
import json
import os

import numpy as np


def value(a):
    a = np.asarray(a)
    dtype = "int32" if a.dtype.kind in "iu" else "float64"
    return {"dims": list(a.shape), "dtype": dtype, "data": [float(v) for v in a.ravel()]}


def data(*dims):
    """Distinct, non-integer values so that misplaced elements are visible."""
    n = int(np.prod(dims))
    return (np.arange(n, dtype=np.float64) * 1.25 - 3.5).reshape(dims)


def index_tuple(begin, end, strides, begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask):
    items = []
    for i in range(len(begin)):
        bit = 1 << i
        if ellipsis_mask & bit:
            items.append(Ellipsis)
        elif new_axis_mask & bit:
            items.append(None)
        elif shrink_axis_mask & bit:
            items.append(begin[i])
        else:
            items.append(slice(None if begin_mask & bit else begin[i], None if end_mask & bit else end[i], strides[i]))
    return tuple(items)


cases = []


def strided(name, dims, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0):
    strides = strides or [1] * len(begin)
    x = data(*dims)
    masks = dict(begin_mask=begin_mask, end_mask=end_mask, ellipsis_mask=ellipsis_mask,
                 new_axis_mask=new_axis_mask, shrink_axis_mask=shrink_axis_mask)
    y = x[index_tuple(begin, end, strides, **masks)]
    cases.append({"op": "strided_slice", "name": name, "inputs": [value(x)],
                  "attrs": dict(begin=begin, end=end, strides=strides, **masks), "expected": value(y)})


strided("basic", [5, 6], [1, 0], [4, 6], [2, 1])
strided("negative_strides", [5, 6], [-1, 4], [0, 0], [-1, -2], end_mask=1)
strided("masked_first_axis", [4, 5, 6], [0, 1], [0, -1], begin_mask=1, end_mask=1)
strided("ellipsis_first", [2, 3, 4], [0, 1], [0, 3], ellipsis_mask=1)
strided("shrink_newaxis_step", [3, 4, 5], [1, 0, 0], [2, 0, 5], [1, 1, 2], new_axis_mask=2, shrink_axis_mask=1)
strided("shrink_last_negative", [3, 4], [0, -1], [0, 0], begin_mask=1, end_mask=1, shrink_axis_mask=2)
strided("empty_range", [4, 3], [3], [1])
strided("clamped", [4, 3], [-10, 1], [10, 99])
strided("ellipsis_middle", [2, 3, 4, 5], [1, 0, 2], [2, 0, 4], ellipsis_mask=2, shrink_axis_mask=1)
strided("newaxis_after_ellipsis", [2, 3, 4], [0, 0], [0, 0], ellipsis_mask=1, new_axis_mask=2)
strided("newaxis_then_shrink_after_ellipsis", [2, 3, 4], [0, 0, 1], [0, 0, 2], ellipsis_mask=1, new_axis_mask=2, shrink_axis_mask=4)
strided("reverse_masked_begin", [6], [0], [1], [-2], begin_mask=1)
strided("reverse_negative_bounds", [6], [-2], [-7], [-1])
strided("reverse_out_of_range", [5], [10], [-10], [-3])
strided("newaxis_front_reverse_step", [3, 4], [0, 0, 1], [0, 0, 0], [1, -1, 2], begin_mask=2, end_mask=6, new_axis_mask=1)
strided("newaxes_around_shrink", [2, 3], [0, 1, 0], [0, 2, 0], new_axis_mask=5, shrink_axis_mask=2)
strided("empty_input", [0, 3], [1], [0], end_mask=1)
strided("full_reverse", [4], [0], [0], [-1], begin_mask=1, end_mask=1)
strided("shrink_ellipsis_reverse", [3, 4, 5], [-1, 0, 0], [0, 0, 0], [1, 1, -2], begin_mask=4, end_mask=4, ellipsis_mask=2, shrink_axis_mask=1)
strided("stride_larger_than_dim", [3, 2], [0, 1], [3, 2], [5, 1])


def pad(name, dims, paddings, mode, constant=0.0):
    x = data(*dims)
    if mode == "CONSTANT":
        y = np.pad(x, paddings, mode="constant", constant_values=constant)
    else:
        y = np.pad(x, paddings, mode=mode.lower())
    cases.append({"op": "pad", "name": name, "inputs": [value(x)],
                  "attrs": {"paddings": [p for row in paddings for p in row], "mode": mode, "constant": constant},
                  "expected": value(y)})


pad("constant", [2, 3], [[1, 0], [2, 1]], "CONSTANT", 0.5)
pad("reflect", [3, 4], [[2, 1], [0, 3]], "REFLECT")
pad("symmetric", [3, 4], [[3, 0], [2, 4]], "SYMMETRIC")
pad("reflect_1d_max", [5], [[4, 4]], "REFLECT")
pad("symmetric_size1", [1, 2], [[1, 1], [2, 2]], "SYMMETRIC")
pad("reflect_3d", [2, 3, 2], [[1, 1], [2, 0], [1, 1]], "REFLECT")
pad("constant_empty", [0, 2], [[1, 1], [0, 1]], "CONSTANT", -2.0)


def gather(name, params_dims, indices, axis):
    p = data(*params_dims)
    idx = np.asarray(indices, dtype=np.int32)
    cases.append({"op": "gather", "name": name, "inputs": [value(p), value(idx)], "attrs": {"axis": axis},
                  "expected": value(np.take(p, idx, axis=axis))})


gather("axis0_repeats", [5, 3], [4, 0, 4, 2], 0)
gather("axis1_matrix_indices", [2, 4, 3], [[3, 0], [1, 1]], 1)
gather("negative_axis", [3, 4], [3, 0, 0, 1, 2], -1)
gather("scalar_index", [4, 2], 2, 0)
gather("empty_indices", [3, 2], np.zeros([0], dtype=np.int32), 0)
gather("empty_matrix_indices_axis1", [2, 3], np.zeros([1, 0], dtype=np.int32), 1)


def one_hot(name, indices, depth, on=1.0, off=0.0, axis=-1):
    idx = np.asarray(indices, dtype=np.int32)
    hot = idx[..., None] == np.arange(depth)
    y = np.where(hot, on, off).astype(np.float64)
    if axis != -1:
        y = np.moveaxis(y, -1, axis)
    cases.append({"op": "one_hot", "name": name, "inputs": [value(idx)],
                  "attrs": {"depth": depth, "on": on, "off": off, "axis": axis}, "expected": value(y)})


one_hot("out_of_range_rows", [0, 2, -1, 3, 1], 3)
one_hot("axis0_on_off", [[1, 5], [0, -3]], 4, on=2.0, off=-1.0, axis=0)
one_hot("axis1_of_matrix", [[1, 0, 2], [2, 2, 9]], 3, axis=1)
one_hot("scalar_index", 1, 4)


def simple(op, name, inputs, attrs, y):
    cases.append({"op": op, "name": name, "inputs": [value(v) for v in inputs], "attrs": attrs, "expected": value(y)})


x = data(2, 1, 3)
simple("tile", "3d", [x], {"multiples": [2, 3, 1]}, np.tile(x, [2, 3, 1]))
x = data(2, 3)
simple("repeat_elements", "axis1", [x], {"rep": 3, "axis": 1}, np.repeat(x, 3, axis=1))
simple("repeat_elements", "negative_axis", [x], {"rep": 2, "axis": -2}, np.repeat(x, 2, axis=0))
a, b = data(2, 1, 3, 4), data(3, 4, 2) / 7
simple("batch_matmul", "broadcast", [a, b], {"adj_x": False, "adj_y": False}, np.matmul(a, b))
a, b = data(3, 4, 2), data(3, 5, 4) / 7
simple("batch_matmul", "adjoints", [a, b], {"adj_x": True, "adj_y": True}, np.matmul(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2)))
for xs, ys in [([2, 3], [3, 4]), ([2, 3, 4], [4, 5]), ([2, 3], [4, 3, 5]), ([2, 3, 4], [2, 4, 5]), ([3], [2, 3, 4])]:
    a, b = data(*xs), data(*ys) / 11
    simple("dot", "x".join(map(str, xs)) + "_dot_" + "x".join(map(str, ys)), [a, b], {}, np.dot(a, b))

# K.batch_dot (Keras 2.2.4): the expected contraction written out with einsum, per the documented shape rules.
for xs, ys, axes, spec in [([3, 4], [3, 4], [1, 1], "bk,bk->b"),
                           ([2, 3, 4], [2, 4, 5], None, "bmk,bkn->bmn"),
                           ([2, 4, 3], [2, 5, 4], [1, 2], "bkm,bnk->bmn"),
                           ([2, 4], [2, 3, 4], [1, 2], "bk,bnk->bn"),
                           ([2, 4], [2, 4, 3], None, "bk,bkn->bn"),
                           ([2, 3, 4], [2, 4], [2, 1], "bmk,bk->bm")]:
    a, b = data(*xs), data(*ys) / 13
    y = np.einsum(spec, a, b)
    if y.ndim == 1:
        y = y[:, None]
    simple("batch_dot", spec.replace(",", "_").replace("->", "_to_"), [a, b], {"axes": axes}, y)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shape_vectors.json")
with open(path, "w") as f:
    # One case per line keeps diffs of regenerated vectors readable.
    f.write('{"generator":"make_shape_vectors.py","numpy":"%s","cases":[\n' % np.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {path}")
