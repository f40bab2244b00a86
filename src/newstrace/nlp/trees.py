"""A boosted tree ensemble read from JSON and scored with numpy.

The ensembles are trained with LightGBM by a script under `scripts/` (LightGBM is a
training extra, not a dependency) and written in this small form: for each tree, its
nodes' split feature, threshold and children, and its leaves' values. A node sends a
row left when its feature is at most the threshold (LightGBM's `<=` split); a child
index below zero is the leaf `-index - 1`. The score of a row is the sum of its leaves'
values over the trees, and its probability the logistic of that sum. All the trees are
scored at once, level by level (`_Packed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class Tree:
    feature: np.ndarray      # per node: the column it splits on
    threshold: np.ndarray    # per node: rows with the feature <= it go left
    left: np.ndarray         # per node: child index, or -leaf - 1
    right: np.ndarray
    leaf: np.ndarray         # per leaf: its value


@dataclass(frozen=True, slots=True)
class Ensemble:
    features: tuple[str, ...]   # the columns, by name, in order
    trees: tuple[Tree, ...]
    packed: _Packed = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "packed", _pack(self.trees))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if rows.ndim != 2 or rows.shape[1] != len(self.features):
            raise ValueError(f"rows have {rows.shape} columns; the model reads {len(self.features)}")
        return 1.0 / (1.0 + np.exp(-self.packed.score(rows)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "trees": [{"feature": t.feature.tolist(), "threshold": t.threshold.tolist(),
                       "left": t.left.tolist(), "right": t.right.tolist(), "leaf": t.leaf.tolist()}
                      for t in self.trees],
        }


@dataclass(frozen=True, slots=True)
class _Packed:
    """All the trees in padded arrays (tree x node), so that every row goes down every
    tree at once, one level per step: a page's lines are scored in a few numpy steps
    instead of one Python loop per tree."""
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    depth: int

    def score(self, rows: np.ndarray) -> np.ndarray:
        count = len(self.feature)
        if not count or not len(rows):
            return np.zeros(len(rows))
        tree = np.arange(count)[:, None]
        line = np.arange(len(rows))[None, :]
        node = np.zeros((count, len(rows)), dtype=np.int64)
        for _ in range(self.depth):
            at = np.maximum(node, 0)
            go_left = rows[line, self.feature[tree, at]] <= self.threshold[tree, at]
            step = np.where(go_left, self.left[tree, at], self.right[tree, at])
            node = np.where(node >= 0, step, node)
        return self.leaf[tree, -node - 1].sum(axis=0)


def _pack(trees: tuple[Tree, ...]) -> _Packed:
    nodes = max((len(t.feature) for t in trees), default=0) or 1
    leaves = max((len(t.leaf) for t in trees), default=0) or 1
    shape = (len(trees), nodes)
    # padding (and a one-leaf tree's root) is a node sending every row to leaf 0
    feature, left, right = np.zeros(shape, np.int64), np.full(shape, -1), np.full(shape, -1)
    threshold = np.full(shape, np.inf)
    leaf = np.zeros((len(trees), leaves))
    depth = 1
    for index, tree in enumerate(trees):
        size = len(tree.feature)
        feature[index, :size], threshold[index, :size] = tree.feature, tree.threshold
        left[index, :size], right[index, :size] = tree.left, tree.right
        leaf[index, :len(tree.leaf)] = tree.leaf
        depth = max(depth, _depth(tree))
    return _Packed(feature, threshold, left, right, leaf, depth)


def _depth(tree: Tree, node: int = 0) -> int:
    if not len(tree.feature) or node < 0:
        return 0
    return 1 + max(_depth(tree, int(tree.left[node])), _depth(tree, int(tree.right[node])))


def from_json(data: dict[str, Any]) -> Ensemble:
    """An ensemble from its JSON form (`Ensemble.to_json`)."""
    try:
        trees = tuple(
            Tree(np.asarray(t["feature"], dtype=np.int64), np.asarray(t["threshold"], dtype=float),
                 np.asarray(t["left"], dtype=np.int64), np.asarray(t["right"], dtype=np.int64),
                 np.asarray(t["leaf"], dtype=float))
            for t in data["trees"])
        return Ensemble(tuple(data["features"]), trees)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"not a tree ensemble: {exc}") from exc


def from_lightgbm(dump: dict[str, Any], features: tuple[str, ...]) -> Ensemble:
    """An ensemble from a LightGBM binary model's `dump_model()`: numeric `<=` splits
    only, as the training script makes them (no categorical features, no missing
    values)."""
    trees = []
    for info in dump["tree_info"]:
        nodes: list[dict[str, Any]] = []
        leaves: list[float] = []

        def walk(node: dict[str, Any]) -> int:
            if "leaf_value" in node:
                leaves.append(float(node["leaf_value"]))
                return -len(leaves)                    # -(leaf index) - 1
            if node.get("decision_type", "<=") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')}")
            index = len(nodes)
            record: dict[str, Any] = {"feature": node["split_feature"], "threshold": float(node["threshold"])}
            nodes.append(record)
            record["left"] = walk(node["left_child"])
            record["right"] = walk(node["right_child"])
            return index

        walk(info["tree_structure"])
        trees.append(Tree(np.asarray([n["feature"] for n in nodes], dtype=np.int64),
                          np.asarray([n["threshold"] for n in nodes], dtype=float),
                          np.asarray([n["left"] for n in nodes], dtype=np.int64),
                          np.asarray([n["right"] for n in nodes], dtype=np.int64),
                          np.asarray(leaves, dtype=float)))
    return Ensemble(features, tuple(trees))
